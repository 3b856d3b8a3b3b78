import { familyLinkDeps, type FamilyLinkDeps } from '../../../src/app/family/issue-family-links';
import { FAMILIES_WORKGROUP_ID } from '../../../src/domain/model/family';
import type { PulseInput, PulseScope } from '../../../src/domain/model/pulse';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative, aPulse, WORKGROUPS } from '../../support/fixtures';

/** Secret for family links in tests (32+ characters, as the configuration demands). */
export const TEST_LINK_KEY = 'test-only-family-link-secret-0123456789abcdef';
export const PUBLIC_URL = 'https://rc-pulse.example.nhs.uk';

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public now: Date = new Date()) {}
  readonly read = () => new Date(this.now.getTime());
  advanceDays(days: number): void {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
  }
}

/** Link deps over real repositories with the test secret and a fake clock. */
export function testLinkDeps(storage: Storage, clock: FakeClock): FamilyLinkDeps {
  return familyLinkDeps(storage, { linkKey: TEST_LINK_KEY, publicUrl: PUBLIC_URL, clock: clock.read });
}

/** A collaborative and an open pulse families answer (a survey asking about Families), stored. */
export async function aFamiliesPulse(storage: Storage, overrides: Partial<PulseInput> = {}): Promise<PulseScope> {
  const collaborative = (await storage.collaboratives.create(aCollaborative())).value;
  const pulse = aPulse(collaborative.id, { status: 'open', targetWorkgroupIds: [...WORKGROUPS.slice(0, 3), FAMILIES_WORKGROUP_ID], ...overrides });
  await storage.pulses.create(pulse);
  return { collaborativeId: collaborative.id, pulseId: pulse.id };
}
