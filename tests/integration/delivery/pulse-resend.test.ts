import { resendPulse } from '../../../src/app/pulse';
import type { Member } from '../../../src/domain/model/member';
import { aFanOutWorld, type FanOutWorld, TENANT, worldScope } from '../../support/delivery-fixtures';
import { aResponse } from '../../support/fixtures';
import { cardsTo, deliveryHarness, invitations, settled, type DeliveryHarness } from './delivery-kit';

jest.setTimeout(60_000);

/** UK time equals UTC in early March 2026. Monday 2 March, 09:00. */
const OPENED = '2026-03-02T09:00:00.000Z';

let h: DeliveryHarness;
beforeEach(async () => {
  h = await deliveryHarness();
  h.clock.set(OPENED); // before any engine starts
});
afterEach(() => h.stop());

const surveyCardsTo = (m: Member) => cardsTo(h.connector, m.aadObjectId!).filter((c) => !JSON.stringify(c.body).includes('A gentle reminder'));

describe('sending the survey card again', () => {
  it('reaches only those invited who have not started, never those who started or finished, also when it waits for quiet hours and is looked at again', async () => {
    const engine = await h.engine();
    const world: FanOutWorld = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 6, { reminderDays: [], closesAt: '2026-03-16T09:00:00.000Z' }, OPENED);
    await engine.scheduler.pulseOpened(world.pulse);
    await engine.deliver(invitations(world));
    await settled(h.storage, worldScope(world));
    const scope = worldScope(world);
    const [facilitator, finished, started, ...notStarted] = world.members;
    await h.storage.collaboratives.modify(world.collaborativeId, (c) => ({ ...c, facilitatorIds: [facilitator!.aadObjectId!] }));
    const ref = (m: Member) => ({ ...scope, respondentKey: h.storage.respondentKey(scope, m.aadObjectId!) });
    await h.storage.submissions.submit(ref(finished!), aResponse(scope, 1, '2026-03-03'));
    await h.storage.submissions.saveProgress({ ...ref(started!), step: 1, ratings: {} });
    for (const m of world.members) expect(surveyCardsTo(m)).toHaveLength(1);
    const deps = { ...h.storage, sender: h.sender, clock: h.clock.now, log: h.log, deliver: engine.deliver };

    // Tuesday 21:30 is quiet hours: the resend waits until 08:00, then goes.
    h.clock.set('2026-03-03T21:30:00.000Z');
    const result = await resendPulse(deps, { aadObjectId: facilitator!.aadObjectId! }, world.collaborativeId);
    expect(result).toMatchObject({ queued: true, notBefore: '2026-03-04T08:00:00.000Z' });
    for (const m of world.members) expect(surveyCardsTo(m)).toHaveLength(1);
    h.clock.set('2026-03-04T08:00:10.000Z');
    await engine.runDueJobs();
    await settled(h.storage, scope, 'remind-resend2026030321');
    // The facilitator had not started either, so they get it too.
    for (const m of [facilitator!, ...notStarted]) expect(surveyCardsTo(m)).toHaveLength(2);
    for (const m of [finished!, started!]) expect(cardsTo(h.connector, m.aadObjectId!)).toHaveLength(1); // no card of any kind

    // Asked for again in the day: the round's look-again a minute later adds nobody who started.
    h.clock.set('2026-03-04T10:00:00.000Z');
    await resendPulse(deps, { aadObjectId: facilitator!.aadObjectId! }, world.collaborativeId);
    await settled(h.storage, scope, 'remind-resend2026030410');
    h.clock.set('2026-03-04T10:05:00.000Z');
    await engine.runDueJobs();
    await settled(h.storage, scope, 'remind-resend2026030410');
    for (const m of [facilitator!, ...notStarted]) expect(surveyCardsTo(m)).toHaveLength(3);
    for (const m of [finished!, started!]) expect(cardsTo(h.connector, m.aadObjectId!)).toHaveLength(1); // no card of any kind
    const audit = await h.storage.audit.list(world.collaborativeId);
    expect(audit.filter((a) => a.action === 'pulse.resent')).toHaveLength(2);
    // Only a facilitator may resend.
    await expect(resendPulse(deps, { aadObjectId: notStarted[0]!.aadObjectId! }, world.collaborativeId)).rejects.toMatchObject({ status: 403 });
  });
});
