import { z } from 'zod';
import { SURVEY_INVITATION, SURVEY_REMINDER } from '../../../src/app/pulse/survey-card-kinds';
import type { CardKindHandler } from '../../../src/app/ports';
import { adaptiveCard, text } from '../../../src/cards/card-kit';
import type { Member } from '../../../src/domain/model/member';
import { deliverCard } from '../../../src/delivery/card-delivery';
import { CardKindRegistry } from '../../../src/delivery/card-kinds';
import { cardMessageFor, parseCardMessage } from '../../../src/delivery/card-message';
import { ConversationPacer } from '../../../src/delivery/conversation-pacer';
import { SendWorker } from '../../../src/delivery/send-worker';
import { TenantPacer } from '../../../src/delivery/tenant-pacer';
import { MemoryQueue, MemoryRows, MemoryWindows, RecordingSender } from './memory-delivery';
import type { PulseScope } from '../../../src/domain/model/pulse';

/**
 * The send worker's path knows kinds of card, not surveys: a kind registered from outside
 * src/delivery (here an intervention reminder, as a future use-case would add it) is checked,
 * prepared and sent through the same worker, queue and rows as the survey's cards.
 */

const scope: PulseScope = { collaborativeId: 'c1', pulseId: 'p1' };
const member = (i: number): Member => ({
  collaborativeId: 'c1',
  id: `m${i}`,
  aadObjectId: `3f2504e0-4f89-41d3-9a0c-0305e82c33${String(i).padStart(2, '0')}`,
  displayName: `Person ${i}`,
  organisationId: 'o1',
  installState: 'installed',
  conversationReference: { serviceUrl: 'https://smba.example/', conversation: { id: `a:${i}`, tenantId: 'T-A' } },
});
const respondentKey = (_scope: PulseScope, aadObjectId: string) => `rk-${aadObjectId}`;
const ROUND = 'remind-iv1';

/** An intervention reminder: its input names the intervention; the card says its title. */
const interventionInput = z.object({ interventionId: z.string().min(1), title: z.string().min(1).max(100) });
const interventionReminder: CardKindHandler<z.infer<typeof interventionInput>> = {
  input: interventionInput,
  prepare: async (request) =>
    request.input.interventionId === 'iv-retired'
      ? { kind: 'end', status: 'failed', reason: 'the intervention was retired before its reminder went' }
      : { kind: 'send', card: adaptiveCard([text(`Reminder: ${request.input.title}`)]) },
};

/** A stand-in for the survey invitation: the first kind, to show each message reaches its own. */
const surveyStandIn: CardKindHandler<Record<string, never>> = {
  input: z.object({}),
  prepare: async () => ({ kind: 'send', card: adaptiveCard([text('Survey')]) }),
};

/** Runs the worker over `queue` until nothing is visible in it, and returns what it logged. */
async function work(kinds: CardKindRegistry, queue: MemoryQueue, rows: MemoryRows, sender: RecordingSender): Promise<string[]> {
  const warnings: string[] = [];
  const log = { warn: (message: string) => warnings.push(message) };
  const clock = () => new Date();
  const pacer = new TenantPacer({ ratePerTenant: 50, windows: new MemoryWindows(), owner: 'a', clock, log });
  const deps = { ...rows.deps(respondentKey), kinds, sender, pacer, conversations: new ConversationPacer(clock), maxAttempts: 6, leaseMs: 3000, clock, log };
  const worker = new SendWorker({ queue, log, leaseSeconds: 3, idlePollMs: 20, deliver: (message) => deliverCard(deps, message) });
  worker.start();
  for (let i = 0; i < 100 && queue.visible() + worker.busy > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  await worker.stop();
  await worker.drained(2000);
  await pacer.stop();
  return warnings;
}

/** A pending reminder row in the round, as the fan-out writes it; the message carries its ETag. */
function queued(rows: MemoryRows, queue: MemoryQueue, m: Member, kind: string, input: Record<string, unknown>): void {
  const row = rows.put({ ...scope, round: ROUND, respondentKey: respondentKey(scope, m.aadObjectId!), status: 'pending', attempts: 0 });
  queue.add(JSON.stringify(cardMessageFor(scope, ROUND, m, { kind, input }, row.etag)));
}

describe('the card kinds registry', () => {
  it('delivers a second, non-survey kind through the same worker path, each message to its own kind', async () => {
    const kinds = new CardKindRegistry();
    kinds.register(SURVEY_INVITATION, surveyStandIn);
    kinds.register('intervention-reminder', interventionReminder);
    const [a, b, c, d] = [1, 2, 3, 4].map(member);
    const queue = new MemoryQueue();
    const rows = new MemoryRows();
    const sender = new RecordingSender();
    queued(rows, queue, a!, 'intervention-reminder', { interventionId: 'iv1', title: 'Daily handover huddle' });
    // Its input does not fit the kind's schema: dropped, never sent.
    queued(rows, queue, b!, 'intervention-reminder', { interventionId: 'iv1' });
    // The kind says it must not go: its row ends as failed, nothing sent.
    queued(rows, queue, c!, 'intervention-reminder', { interventionId: 'iv-retired', title: 'Old huddle' });
    // An invitation of the first kind, in its own round.
    const invite = rows.put({ ...scope, round: 'invite', aadObjectId: d!.aadObjectId!, status: 'pending', attempts: 0 });
    queue.add(JSON.stringify(cardMessageFor(scope, 'invite', d!, { kind: SURVEY_INVITATION, input: {} }, invite.etag)));

    const warnings = await work(kinds, queue, rows, sender);

    expect(sender.sent.map((s) => [s.to, JSON.stringify(s.card).match(/"text":"([^"]*)"/)![1]])).toEqual(
      expect.arrayContaining([
        [a!.aadObjectId, 'Reminder: Daily handover huddle'],
        [d!.aadObjectId, 'Survey'],
      ]),
    );
    expect(sender.sent).toHaveLength(2);
    expect(rows.get('p1', ROUND, respondentKey(scope, a!.aadObjectId!))).toMatchObject({ status: 'sent', attempts: 1, activityId: expect.any(String) });
    expect(rows.get('p1', 'invite', d!.aadObjectId!)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(rows.get('p1', ROUND, respondentKey(scope, b!.aadObjectId!))).toMatchObject({ status: 'pending', attempts: 0 });
    expect(rows.get('p1', ROUND, respondentKey(scope, c!.aadObjectId!))).toMatchObject({ status: 'failed', attempts: 0 });
    expect(warnings).toEqual(expect.arrayContaining(['a card whose input does not fit its kind was dropped', 'the intervention was retired before its reminder went']));
    expect(queue.size).toBe(0);
  });

  it('leaves a kind this instance does not know for another instance, sending nothing', async () => {
    const kinds = new CardKindRegistry();
    kinds.register('intervention-reminder', interventionReminder);
    const queue = new MemoryQueue();
    const rows = new MemoryRows();
    const sender = new RecordingSender();
    queued(rows, queue, member(1), 'family-link-notice', { familyId: 'f1' });
    const warnings = await work(kinds, queue, rows, sender);
    expect(sender.sent).toEqual([]);
    expect(queue.size).toBe(1);
    expect(queue.retried).toEqual([{ text: expect.stringContaining('family-link-notice'), seconds: 60 }]);
    expect(warnings).toContain('a card of a kind this instance does not send was left for another instance');
  });

  it('refuses a kind registered twice or named other than lower-case words joined by hyphens', () => {
    const kinds = new CardKindRegistry();
    kinds.register('intervention-reminder', interventionReminder);
    expect(() => kinds.register('intervention-reminder', interventionReminder)).toThrow(/registered twice/);
    expect(() => kinds.register('Intervention Reminder', interventionReminder)).toThrow(/not a card kind name/);
    expect(kinds.kinds()).toEqual(['intervention-reminder']);
  });
});

describe('queue messages from the version before card kinds (v1, no kind)', () => {
  /** A v1 message as that version wrote it: the workgroup beside the conversation reference. */
  const v1 = (round: string) => {
    const { kind: _kind, input: _input, ...rest } = cardMessageFor(scope, round, member(1), { kind: 'x', input: {} }, 'W/"1"');
    return JSON.stringify({ ...rest, v: 1, member: { ...rest.member, workgroupId: 'mbu-nursing' } });
  };

  it('are read as the survey kinds the use-cases register, with the workgroup as their input', () => {
    expect(parseCardMessage(v1('invite'))).toMatchObject({ ok: true, message: { v: 2, kind: SURVEY_INVITATION, input: { workgroupId: 'mbu-nursing' }, round: 'invite', etag: 'W/"1"' } });
    expect(parseCardMessage(v1('remind-day3'))).toMatchObject({ ok: true, message: { v: 2, kind: SURVEY_REMINDER, input: { workgroupId: 'mbu-nursing' }, round: 'remind-day3' } });
    const parsed = parseCardMessage(v1('invite'));
    expect(parsed.ok && parsed.message.member).toEqual({ aadObjectId: member(1).aadObjectId, conversationReference: member(1).conversationReference });
  });

  it('still refuse what does not fit, saying where', () => {
    expect(parseCardMessage(v1('invite').replace('"invite"', '"nudge"'))).toMatchObject({ ok: false, reason: expect.stringContaining('round') });
  });
});
