import { createHash } from 'node:crypto';
import type { Dimension } from '../../domain/instrument';
import type { MemberInput } from '../../domain/model/member';
import type { PulseInput } from '../../domain/model/pulse';
import type { Ratings, TargetRatings } from '../../domain/model/ratings';
import type { Response } from '../../domain/model/response';
import type { ReleasedResponse } from '../../storage/response-repository';
import { DEFAULT_K } from '../../domain/anonymity';
import type { Storage } from '../../storage/storage';
import type { AuditActor, Clock } from '../ports';
import { publishClosedPulse } from '../pulse/publish-results';
import { recordAudit } from '../audit';
import { idFromName } from '../setup/setup-ids';
import {
  DEMO_COLLABORATIVE, DEMO_FACILITATOR_AAD_ID, DEMO_FAMILIES_WORKGROUP, DEMO_ORGANISATIONS, DEMO_TENANT_ID, DEMO_WORKGROUPS, demoMembers, demoPulses, type DemoPulse,
} from './demo-data';
import { demoInterventions } from './demo-interventions';

/** The demo collaborative's id: link a Teams team to it to try the bot on the demo data. */
export const DEMO_COLLABORATIVE_ID = DEMO_COLLABORATIVE.id;
/** Fixed, so that the demo's rows are the same on every machine and every run. */
const DEMO_CREATED_AT = '2024-03-01T09:00:00.000Z';

export interface SeedDeps {
  storage: Pick<
    Storage,
    'collaboratives' | 'organisations' | 'workgroups' | 'members' | 'pulses' | 'responses' | 'audit' | 'snapshots' | 'deliveries' | 'submissions' | 'respondentKey' | 'interventions' | 'familyLinks'
  >;
  clock: Clock;
  actor: AuditActor;
}

/** How many rows of each kind this run wrote (all 0 when the demo was already in place). */
export interface SeedResult {
  collaborativeId: string;
  written: { organisations: number; workgroups: number; members: number; pulses: number; responses: number; interventions: number; collaborative: number };
}

/**
 * Writes the demo collaborative (Yorkshire and Humber): its 7 partner Trusts, 6 staff
 * workgroups and Families (for pulses with the families' voice; no demo pulse asks about it),
 * one facilitator (the first demo member, by the fixed Entra id the local Teams client gives
 * them: see demoTeamsPeople), the invented members (not installed in Teams, no Entra object
 * id yet), two CLOSED
 * pulses, baseline spring 2024 and repeat autumn 2024, whose responses go straight into the
 * Responses table as released responses (released at close, so they carry the close day),
 * with their final figures published as of the day they closed, and the interventions agreed
 * between them, with their logs (demo-interventions.ts).
 *
 * Idempotent: every id is fixed and each response's row key is a hash of the pulse id and
 * its index, so a run writes only what is missing and a second run writes nothing (and
 * leaves what people changed since, e.g. a member who installed the app, as it is). The
 * collaborative row is written LAST, so a run that stops half-way leaves no visible
 * collaborative, only parts that the next run completes.
 */
export async function seedDemo(deps: SeedDeps): Promise<SeedResult> {
  const { storage } = deps;
  const cId = DEMO_COLLABORATIVE_ID;
  const groupId = (name: string) => idFromName(name);
  const written = { organisations: 0, workgroups: 0, members: 0, pulses: 0, responses: 0, interventions: 0, collaborative: 0 };

  const orgIds = new Set((await storage.organisations.list(cId)).map((o) => o.id));
  const orgs = DEMO_ORGANISATIONS.filter((o) => !orgIds.has(o.id)).map((o) => ({ collaborativeId: cId, id: o.id, name: o.name }));
  await storage.organisations.upsertMany(orgs);
  written.organisations = orgs.length;

  const groupIds = new Set((await storage.workgroups.list(cId)).map((w) => w.id));
  // The staff groups, and Families: the workgroup a pulse with the families' voice asks about.
  const wanted = [...DEMO_WORKGROUPS.map((name) => ({ id: groupId(name), name })), DEMO_FAMILIES_WORKGROUP];
  const groups = wanted.filter((g) => !groupIds.has(g.id)).map((g) => ({ collaborativeId: cId, ...g }));
  await storage.workgroups.upsertMany(groups);
  written.workgroups = groups.length;

  const memberIds = new Set((await storage.members.list(cId)).map((m) => m.id));
  const members: MemberInput[] = demoMembers()
    .filter((m) => !memberIds.has(m.id))
    .map((m) => ({
      collaborativeId: cId, id: m.id, upn: m.upn, displayName: m.displayName,
      organisationId: m.organisationId, workgroupId: groupId(m.workgroup), installState: 'not_installed',
    }));
  await storage.members.upsertMany(members);
  written.members = members.length;

  for (const demo of demoPulses()) {
    const scope = { collaborativeId: cId, pulseId: demo.id };
    const stored = new Set(await storage.responses.listRowKeys(scope));
    const missing = demo.responses
      .map((r, i): ReleasedResponse => ({ releasedAs: seededRowKey(demo.id, i), response: demoResponse(cId, demo, r, groupId) }))
      .filter((r) => !stored.has(r.releasedAs));
    await storage.responses.writeReleased(missing);
    written.responses += missing.length;
    // The pulse after its responses: a closed pulse is never seen with half its answers.
    let pulse = (await storage.pulses.find(cId, demo.id))?.value;
    if (!pulse) {
      pulse = (await storage.pulses.create(demoPulse(cId, demo, DEMO_WORKGROUPS.map(groupId)))).value;
      written.pulses += 1;
    }
    // Its final figures, published as a close would have (also for a demo seeded before figures were published at close).
    await publishClosedPulse({ ...storage, clock: deps.clock }, pulse, { k: DEFAULT_K }, pulse.closedAt ?? pulse.createdAt);
  }

  // Each intervention and its log is one transaction; one already there (perhaps moved on
  // by someone trying the demo) is left as it is.
  for (const intervention of demoInterventions(cId, groupId)) {
    if (await storage.interventions.find(cId, intervention.id)) continue;
    await storage.interventions.create(intervention);
    written.interventions += 1;
  }

  const existing = await storage.collaboratives.find(cId);
  if (!existing) {
    await storage.collaboratives.create({
      id: cId, name: DEMO_COLLABORATIVE.name, focalProcess: DEMO_COLLABORATIVE.focalProcess,
      facilitatorIds: [DEMO_FACILITATOR_AAD_ID], allowedTenantIds: [DEMO_TENANT_ID], createdAt: DEMO_CREATED_AT,
    });
    written.collaborative = 1;
  } else if (existing.value.facilitatorIds.length === 0 || (existing.value.allowedTenantIds.length === 0 && !existing.value.channelReference)) {
    // Seeded before the demo had a facilitator or its tenant (an empty list admits nobody until
    // the demo team is linked): give it the local Teams client's, so `npm start` works on old
    // data too. A collaborative with facilitators, and a tenant or a team, is left as it is.
    const v = existing.value;
    await storage.collaboratives.update(existing, {
      ...v,
      facilitatorIds: v.facilitatorIds.length > 0 ? v.facilitatorIds : [DEMO_FACILITATOR_AAD_ID],
      allowedTenantIds: v.allowedTenantIds.length > 0 || v.channelReference ? v.allowedTenantIds : [DEMO_TENANT_ID],
    });
    written.collaborative = 1;
  }
  if (Object.values(written).some((n) => n > 0)) await recordAudit(deps, cId, 'demo.seeded', cId, { ...written });
  return { collaborativeId: cId, written };
}

/** The row key of the i-th demo response of a pulse: 32 hex digits, the same on every run. */
export function seededRowKey(pulseId: string, index: number): string {
  return createHash('sha256').update(`rc-pulse demo seed\n${pulseId}\n${index}`).digest('hex').slice(0, 32);
}

function demoResponse(collaborativeId: string, pulse: DemoPulse, r: DemoPulse['responses'][number], groupId: (n: string) => string): Response {
  const ratings: Ratings = {};
  for (const [target, scores] of Object.entries(r.ratings)) {
    ratings[groupId(target)] = { ...(scores as Record<Dimension, number | null>) } as TargetRatings;
  }
  // Released when the pulse closed: every response carries the release day (see release-pending.ts).
  return { collaborativeId, pulseId: pulse.id, respondentWorkgroupId: groupId(r.workgroup), ratings, day: pulse.closesAt };
}

function demoPulse(collaborativeId: string, demo: DemoPulse, targetWorkgroupIds: string[]): PulseInput {
  return {
    collaborativeId,
    id: demo.id,
    kind: 'survey',
    title: demo.name,
    focalProcess: demo.focalProcess,
    targetWorkgroupIds,
    status: 'closed',
    opensAt: `${demo.opensAt}T09:00:00.000Z`,
    closesAt: `${demo.closesAt}T17:00:00.000Z`,
    reminderDays: [7, 14],
    createdAt: `${demo.opensAt}T08:00:00.000Z`,
    openedAt: `${demo.opensAt}T09:00:00.000Z`,
    closedAt: `${demo.closesAt}T17:00:00.000Z`,
  };
}
