import type { Clock } from '../../../src/app/ports';
import type { SetupDeps } from '../../../src/app/setup/setup-context';
import type { Storage } from '../../../src/storage/storage';

/** The facilitator every set-up test acts as (an invented Entra object id). */
export const FACILITATOR = { id: '6f1d3c2a-8b7e-4c5d-9a0b-1c2d3e4f5a6b', name: 'Fran Facilitator' };

/** A clock that stands still until told to move, so audit rows and retirements have known times. */
export function fixedClock(iso = '2024-05-01T10:00:00.000Z'): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return Object.assign(() => new Date(now), { set: (next: string) => void (now = new Date(next)) });
}

/** Set-up dependencies over real storage (Azurite), a fixed clock and the facilitator. */
export function setupDeps(storage: Storage, clock: Clock = fixedClock()): SetupDeps & { storage: Storage } {
  return { storage, clock, actor: FACILITATOR };
}

/** The partner Trusts the set-up tests use. */
export const TRUSTS = [
  { id: 'lypft', name: 'Leeds and York Partnership NHS Foundation Trust' },
  { id: 'humber', name: 'Humber Teaching NHS Foundation Trust' },
];
