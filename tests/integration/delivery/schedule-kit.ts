import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../src/app/ports';
import type { Member } from '../../../src/domain/model/member';
import type { Pulse } from '../../../src/domain/model/pulse';
import { DEFAULT_QUIET_HOURS } from '../../../src/domain/quiet-hours';
import { personalMember, TENANT } from '../../support/delivery-fixtures';
import { aCollaborative, WORKGROUPS } from '../../support/fixtures';
import { cardsTo, waitFor, type DeliveryHarness } from './delivery-kit';

/** A collaborative with a channel, its five workgroups and `people` installed members, the first its facilitator; no pulse yet. */
export interface ScheduleWorld {
  collaborativeId: string;
  members: Member[];
  facilitator: Actor;
}

export async function aScheduleWorld(h: DeliveryHarness, people = 6): Promise<ScheduleWorld> {
  const channelId = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  const serviceUrl = h.connector.url;
  const inputs = Array.from({ length: people }, (_, i) => personalMember('x', serviceUrl, TENANT, i));
  const collaborative = (
    await h.storage.collaboratives.create(
      aCollaborative({
        k: 3,
        allowedTenantIds: [TENANT],
        facilitatorIds: [inputs[0]!.aadObjectId!],
        teamsTeamId: channelId,
        teamsChannelId: channelId,
        channelReference: { channelId: 'msteams', serviceUrl, conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: TENANT }, bot: { id: '28:rc-pulse' } },
      }),
    )
  ).value;
  await h.storage.workgroups.upsertMany(WORKGROUPS.map((id) => ({ collaborativeId: collaborative.id, id, name: `Group ${id}` })));
  await h.storage.members.upsertMany(inputs.map((m) => ({ ...m, collaborativeId: collaborative.id })));
  return { collaborativeId: collaborative.id, members: await h.storage.members.list(collaborative.id), facilitator: { aadObjectId: inputs[0]!.aadObjectId! } };
}

/** What the scheduling use-cases take, as the bot passes them: storage, the clock, UK time and its quiet hours. */
export const scheduleDeps = (h: DeliveryHarness) => ({ ...h.storage, clock: h.clock.now, timeZone: 'Europe/London', quietHours: DEFAULT_QUIET_HOURS });

/** Survey cards each member was sent, in member order. */
export const cardCounts = (h: DeliveryHarness, world: ScheduleWorld): number[] => world.members.map((m) => cardsTo(h.connector, m.aadObjectId!).length);

/** The collaborative's survey pulses, oldest first. */
export async function pulsesOf(h: DeliveryHarness, world: ScheduleWorld): Promise<Pulse[]> {
  return (await h.storage.pulses.list(world.collaborativeId)).reverse();
}

type Engine = Awaited<ReturnType<DeliveryHarness['engine']>>;

/**
 * Sets the clock and runs due work until the pulse's open job has finished: an engine's own
 * timer may hold the job a moment (it looked while the test moved the clock).
 */
export async function openJobRun(h: DeliveryHarness, engines: readonly Engine[], world: ScheduleWorld, id: string, iso: string): Promise<void> {
  h.clock.set(iso);
  await waitFor(`${id} to open`, async () => {
    await Promise.all(engines.map((e) => e.runDueJobs()));
    return (await h.storage.jobs.find({ collaborativeId: world.collaborativeId, pulseId: id }, 'open'))?.value.state === 'done';
  });
}
