import { z } from 'zod';
import type { AdaptiveCard, DeliveryMetrics, Recipient, SendHooks, SendOutcome } from '../../../src/app/ports';
import { adaptiveCard, text } from '../../../src/cards/card-kit';
import type { Member } from '../../../src/domain/model/member';
import { deliverCard } from '../../../src/delivery/card-delivery';
import { CardKindRegistry } from '../../../src/delivery/card-kinds';
import { cardMessageFor } from '../../../src/delivery/card-message';
import { ConversationPacer } from '../../../src/delivery/conversation-pacer';
import { TenantPacer } from '../../../src/delivery/tenant-pacer';
import { MemoryRows, MemoryWindows } from './memory-delivery';

/**
 * The delivery engine's counters (the metrics port telemetry records): one count per card
 * outcome by kind and status, one per 429, and nothing that names anyone.
 */

const scope = { collaborativeId: 'c1', pulseId: 'p1' };
const ROUND = 'invite';
const member: Member = {
  collaborativeId: 'c1',
  id: 'm1',
  aadObjectId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  displayName: 'Person One',
  organisationId: 'o1',
  installState: 'installed',
  conversationReference: { serviceUrl: 'https://smba.example/', conversation: { id: 'a:1', tenantId: 'T-A' } },
};

/** Answers each request with the next outcome given, then 'sent'. */
class ScriptedSender {
  constructor(private readonly outcomes: SendOutcome[]) {}
  async sendToMember(_m: Recipient, _c: AdaptiveCard, hooks?: SendHooks): Promise<SendOutcome> {
    await hooks?.beforeRequest?.({ conversationId: 'a:1', carriesCard: true });
    return this.outcomes.shift() ?? { status: 'sent', statusCode: 201, activityId: 'x' };
  }
  async sendToChannel(): Promise<SendOutcome> {
    return { status: 'not_found' };
  }
}

function recorder(): { metrics: DeliveryMetrics; calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    metrics: {
      cardSent: (...a) => void calls.push(['cardSent', ...a]),
      throttled: (...a) => void calls.push(['throttled', ...a]),
      jobRan: (...a) => void calls.push(['jobRan', ...a]),
    },
  };
}

async function deliverOnce(outcomes: SendOutcome[]): Promise<unknown[][]> {
  const kinds = new CardKindRegistry();
  kinds.register('test-card', { input: z.object({}), prepare: async () => ({ kind: 'send', card: adaptiveCard([text('Hello')]) }) });
  const rows = new MemoryRows();
  const respondentKey = (_s: unknown, id: string) => `rk-${id}`;
  const row = rows.put({ ...scope, round: ROUND, aadObjectId: member.aadObjectId!, status: 'pending', attempts: 0 } as never);
  const log = { warn: () => undefined };
  const clock = () => new Date();
  const pacer = new TenantPacer({ ratePerTenant: 50, windows: new MemoryWindows(), owner: 'a', clock, log });
  const { metrics, calls } = recorder();
  const deps = { ...rows.deps(respondentKey), kinds, sender: new ScriptedSender(outcomes), pacer, conversations: new ConversationPacer(clock), maxAttempts: 6, retryBaseMs: 5, leaseMs: 30_000, clock, log, metrics };
  await deliverCard(deps, cardMessageFor(scope, ROUND, member, { kind: 'test-card', input: {} }, row.etag));
  await pacer.stop();
  return calls;
}

describe('the delivery metrics', () => {
  it('count a card sent once, by its kind and status', async () => {
    expect(await deliverOnce([])).toEqual([['cardSent', 'test-card', 'sent']]);
  });

  it('count a 429 from Teams, then the card sent on the retry', async () => {
    expect(await deliverOnce([{ status: 'failed', statusCode: 429, retryAfterMs: 20 }])).toEqual([
      ['throttled', 'test-card'],
      ['cardSent', 'test-card', 'sent'],
    ]);
  });

  it('count a person who blocked the app as blocked', async () => {
    expect(await deliverOnce([{ status: 'blocked', statusCode: 403 }])).toEqual([['cardSent', 'test-card', 'blocked']]);
  });
});
