import { randomUUID } from 'node:crypto';
import { DIMENSIONS } from '../../src/domain/instrument';
import type { CollaborativeInput } from '../../src/domain/model/collaborative';
import type { MemberInput } from '../../src/domain/model/member';
import type { PulseInput, PulseScope } from '../../src/domain/model/pulse';
import type { Ratings, TargetRatings } from '../../src/domain/model/ratings';
import type { Response } from '../../src/domain/model/response';

/** Test data in the shape of the demo collaborative (people are invented). */
export const CREATED_AT = '2024-04-02T09:00:00.000Z';
export const WORKGROUPS = ['mbu-nursing', 'mbu-medical', 'community-perinatal', 'maternity', 'health-visiting'] as const;

export function aCollaborative(overrides: Partial<CollaborativeInput> = {}): CollaborativeInput {
  return {
    id: `yh-${randomUUID().slice(0, 8)}`,
    name: 'Yorkshire and Humber Perinatal Mental Health Provider Collaborative',
    focalProcess: 'admission to the mother and baby unit',
    createdAt: CREATED_AT,
    ...overrides,
  };
}

export function aPulse(collaborativeId: string, overrides: Partial<PulseInput> = {}): PulseInput {
  return {
    collaborativeId,
    id: `p-${randomUUID().slice(0, 8)}`,
    kind: 'survey',
    focalProcess: 'discharge from the mother and baby unit',
    targetWorkgroupIds: [...WORKGROUPS],
    status: 'draft',
    reminderDays: [3, 6],
    createdAt: CREATED_AT,
    ...overrides,
  };
}

/** A member as Teams knows them: every identity present. */
export type TeamsMemberInput = MemberInput & { id: string; aadObjectId: string; upn: string };

/** Member number i of a collaborative, with its own member id, a real-looking Entra id and Teams ids. */
export function aMember(collaborativeId: string, i: number, overrides: Partial<MemberInput> = {}): TeamsMemberInput {
  return {
    collaborativeId,
    id: `m-${i}-${randomUUID().slice(0, 8)}`,
    aadObjectId: randomUUID(),
    teamsUserId: `29:1member-${i}-${randomUUID()}`,
    upn: `person.${i}@nhs.net`,
    displayName: `Test Person ${i}`,
    organisationId: 'lypft',
    workgroupId: WORKGROUPS[i % WORKGROUPS.length],
    ...overrides,
  } as TeamsMemberInput;
}

/** All seven dimensions scored `score` (or null where `skip` names the dimension). */
export function targetRatings(score: number, skip: readonly string[] = []): TargetRatings {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, skip.includes(d) ? null : score])) as TargetRatings;
}

/**
 * A response whose scores about the first workgroup spell `marker` in base 5 (up to 78,124),
 * so tests can tell responses apart after release although they carry no identity.
 */
export function aResponse(scope: PulseScope, marker = 0, day = '2024-04-16'): Response {
  const digits = Object.fromEntries(
    DIMENSIONS.map((d, i) => [d, (Math.floor(marker / 5 ** i) % 5) + 1]),
  ) as TargetRatings;
  const ratings: Ratings = { [WORKGROUPS[0]]: digits };
  WORKGROUPS.slice(1).forEach((w, i) => {
    ratings[w] = targetRatings((i % 5) + 1, i === 0 ? ['frequent'] : []);
  });
  return { ...scope, respondentWorkgroupId: WORKGROUPS[marker % WORKGROUPS.length]!, ratings, day };
}

/** The marker aResponse spelt into a response. */
export function markerOf(response: Response): number {
  const digits = response.ratings[WORKGROUPS[0]]!;
  return DIMENSIONS.reduce((sum, d, i) => sum + ((digits[d] ?? 1) - 1) * 5 ** i, 0);
}
