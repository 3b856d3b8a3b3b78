import { randomUUID } from 'node:crypto';
import type { Member, MemberInput } from '../../src/domain/model/member';
import type { Pulse, PulseScope } from '../../src/domain/model/pulse';
import type { Storage } from '../../src/storage/storage';
import { aCollaborative, aPulse, WORKGROUPS } from './fixtures';

/**
 * A collaborative with many installed members across tenants, each with a personal
 * conversation reference at the fake connector, and an open pulse: what a fan-out test or
 * benchmark sends to. Ids are shaped as Teams shapes them.
 */

/** The personal chat id the fake connector uses for a member. */
export function chatOf(aadObjectId: string): string {
  return `a:1:1-29:${aadObjectId}`;
}

/** A member reached through their own 1:1 chat with the bot. */
export function personalMember(collaborativeId: string, serviceUrl: string, tenantId: string, i: number): MemberInput {
  const aadObjectId = randomUUID();
  return {
    collaborativeId,
    id: `m-${i}-${aadObjectId.slice(0, 8)}`,
    aadObjectId,
    teamsUserId: `29:${aadObjectId}`,
    displayName: `Delivery Person ${i}`,
    upn: `delivery.person.${i}.${aadObjectId.slice(0, 4)}@nhs.net`,
    organisationId: 'lypft',
    workgroupId: WORKGROUPS[i % WORKGROUPS.length]!,
    tenantId,
    installState: 'installed',
    conversationReference: {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: chatOf(aadObjectId), conversationType: 'personal', tenantId },
      bot: { id: '28:rc-pulse', name: 'RC Pulse' },
      user: { id: `29:${aadObjectId}`, aadObjectId },
    },
  };
}

/** The Entra tenant the single-tenant delivery tests send to. */
export const TENANT = '6f4c2a10-8c1e-4b7a-9d3e-2a5b7c9d1e0f';

/** A collaborative, its members and its open pulse. */
export interface FanOutWorld {
  collaborativeId: string;
  pulse: Pulse;
  members: Member[];
  channelId: string;
}

/** The world's pulse, as storage keys it. */
export const worldScope = (w: FanOutWorld): PulseScope => ({ collaborativeId: w.collaborativeId, pulseId: w.pulse.id });

/**
 * A collaborative linked to a channel, `perTenant` members in each tenant, and a pulse opened
 * at `openedAt` (default now) with any overrides (reminder days, closing time).
 */
export async function aFanOutWorld(
  storage: Storage,
  serviceUrl: string,
  tenants: readonly string[],
  perTenant: number,
  pulse: Partial<Parameters<typeof aPulse>[1]> = {},
  openedAt = new Date().toISOString(),
): Promise<FanOutWorld> {
  const channelId = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  const collaborative = (
    await storage.collaboratives.create(
      aCollaborative({
        k: 3,
        allowedTenantIds: [...tenants],
        teamsTeamId: channelId,
        teamsChannelId: channelId,
        channelReference: { channelId: 'msteams', serviceUrl, conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: tenants[0] }, bot: { id: '28:rc-pulse' } },
      }),
    )
  ).value;
  await storage.workgroups.upsertMany(WORKGROUPS.map((id) => ({ collaborativeId: collaborative.id, id, name: `Group ${id}` })));
  const inputs = tenants.flatMap((tenant, t) => Array.from({ length: perTenant }, (_, i) => personalMember(collaborative.id, serviceUrl, tenant, t * perTenant + i)));
  await storage.members.upsertMany(inputs);
  const draft = (await storage.pulses.create(aPulse(collaborative.id, { createdAt: openedAt, opensAt: openedAt, ...pulse }))).value;
  const open = (await storage.pulses.advance({ value: draft, etag: '*' }, 'open', openedAt)).value;
  return { collaborativeId: collaborative.id, pulse: open, members: await storage.members.list(collaborative.id), channelId };
}
