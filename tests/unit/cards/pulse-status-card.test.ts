import { closePulseConfirmCard, hiddenAnsweredCounts, pulseStatusCard } from '../../../src/cards/pulse-status-card';
import { checked, executeActions } from '../../support/adaptive-card-validator';
import { COLLABORATIVE_ID, PULSE_ID, statusView } from './card-fixtures';

const REF = { collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID };

const json = (card: unknown) => JSON.stringify(card);

describe('the pulse status card', () => {
  it('shows invited, answered with its share, and progress by group', () => {
    const card = json(checked(pulseStatusCard(statusView())));
    expect(card).toContain('"title":"Invited","value":"60"');
    expect(card).toContain('"title":"Answered","value":"31 (52%)"');
    expect(card).toContain('12 of 20 (60%)');
    expect(card).toContain('Open, closes Friday 20 March');
  });

  it('notes an extended close ("Extended to ..."), and nothing when it was never extended', () => {
    expect(json(checked(pulseStatusCard(statusView({ extensions: 1 }))))).toContain('Extended to Friday 20 March.');
    expect(json(checked(pulseStatusCard(statusView())))).not.toContain('Extended');
  });

  it('shows any answered count below k as "fewer than k", never the number', () => {
    const card = json(checked(pulseStatusCard(statusView())));
    expect(card).toContain('fewer than 5 of 6');
    expect(card).not.toContain('3 of 6');
  });

  it('hides one more group when a single hidden count could be worked out from the total', () => {
    // 31 = 12 + 3 + 9 + 7: with only MBU psychiatry hidden, 31 - 12 - 9 - 7 would give its 3 away.
    expect(hiddenAnsweredCounts(statusView())).toEqual({ total: false, groups: [false, true, false, true] });
    const card = json(checked(pulseStatusCard(statusView())));
    expect(card).toContain('fewer than 5 of 16');
    expect(card).not.toContain('7 of 16');
  });

  it('applies the rule to the released answers the groups add up to, whatever still waits to be released', () => {
    // 35 answered, 31 of them released into groups: the 4 waiting do not protect the 3, since once released
    // the total and the groups add up again (and right after a release nothing waits).
    const waiting = statusView({ answered: 35 });
    expect(hiddenAnsweredCounts(waiting)).toEqual({ total: false, groups: [false, true, false, true] });
    const card = json(checked(pulseStatusCard(waiting)));
    expect(card).toContain('"title":"Answered","value":"35 (58%)"');
    expect(card).toContain('Answers are added to their group in batches of at least 5');
  });

  it('hides the total too when fewer than k people have answered', () => {
    const view = statusView({ answered: 4, workgroups: [{ name: 'MBU nursing', invited: 20, answered: 4 }] });
    const card = json(checked(pulseStatusCard(view)));
    expect(card).toContain('"title":"Answered","value":"fewer than 5"');
    expect(card).not.toMatch(/"4 |"4"/);
  });

  it('shows delivery counts only when the view has them', () => {
    expect(json(checked(pulseStatusCard(statusView())))).not.toContain('Could not deliver');
    const withDelivery = json(checked(pulseStatusCard(statusView({ delivery: { sent: 57, pending: 1, failed: 1, blocked: 1 } }))));
    expect(withDelivery).toContain('"title":"Delivered","value":"57"');
    expect(withDelivery).toContain('"title":"Blocked or removed the app","value":"1"');
  });

  it('refreshes itself for the person who asked while cards are still being sent, and not after', () => {
    const sending = checked(pulseStatusCard(statusView({ delivery: { sent: 40, pending: 20, failed: 0, blocked: 0 }, refreshFor: ['29:fran'] })));
    expect(sending.refresh).toEqual({ action: expect.objectContaining({ type: 'Action.Execute', verb: 'status.refresh', data: REF }), userIds: ['29:fran'] });
    const done = checked(pulseStatusCard(statusView({ delivery: { sent: 60, pending: 0, failed: 0, blocked: 0 }, refreshFor: ['29:fran'] })));
    expect(done.refresh).toBeUndefined();
  });

  it('gives facilitators Refresh, Send a reminder and Close while the pulse is open', () => {
    const ref = REF;
    expect(executeActions(checked(pulseStatusCard(statusView())))).toEqual([
      { verb: 'status.refresh', title: 'Refresh', data: ref },
      { verb: 'pulse.remind', title: 'Send a reminder', data: ref },
      { verb: 'pulse.close', title: 'Close the pulse', data: { ...ref, confirmed: false } },
    ]);
  });

  it('gives only Refresh to others, and once the pulse has closed', () => {
    for (const view of [statusView({ canManage: false }), statusView({ status: 'closed' })]) {
      expect(executeActions(checked(pulseStatusCard(view))).map((a) => a.verb)).toEqual(['status.refresh']);
    }
  });

  it('asks before closing, with "Yes, close it" confirming and "Not now" going back', () => {
    const card = checked(closePulseConfirmCard({ ...REF, focalProcess: 'discharge', answered: 3, k: 5 }));
    expect(json(card)).toContain('cannot be undone');
    expect(json(card)).toContain('So far fewer than 5 people have answered.');
    expect(executeActions(card)).toEqual([
      { verb: 'pulse.close', title: 'Yes, close it', data: { ...REF, confirmed: true } },
      { verb: 'status.refresh', title: 'Not now', data: REF },
    ]);
  });
});
