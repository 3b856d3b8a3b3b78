import { inviteNewlyReachable, type PulseScheduler } from '../../../src/app/pulse';
import type { Pulse } from '../../../src/domain/model/pulse';
import { aPulse } from '../../support/fixtures';

const open = (collaborativeId: string) => aPulse(collaborativeId, { status: 'open' }) as Pulse;
const pulsesOf = (all: Record<string, Pulse[]>) => ({ list: async (id: string) => all[id] ?? [] });
/** No invitation rows: nobody named had one. */
const deliveries = { find: async () => undefined, remove: async () => true };

function recordingScheduler(failFor?: string): PulseScheduler & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    pulseOpened: async () => undefined,
    membersReachable: async (pulse) => {
      if (pulse.collaborativeId === failFor) throw new Error('storage unreachable');
      asked.push(pulse.collaborativeId);
    },
  };
}

describe('inviting people who can first be reached', () => {
  it('asks the open pulse of each collaborative named (once each) to look again, and only open survey pulses', async () => {
    const scheduler = recordingScheduler();
    const closed = aPulse('b', { status: 'closed' }) as Pulse;
    const pulses = pulsesOf({ a: [open('a')], b: [closed], c: [open('c')] });
    const asked = await inviteNewlyReachable({ pulses, deliveries, scheduler, log: { warn: () => undefined } }, ['a', 'b', 'c', 'a', 'none']);
    expect(asked).toBe(2);
    expect(scheduler.asked).toEqual(['a', 'c']);
  });

  it('never throws: a collaborative that cannot be told is logged and the others still are', async () => {
    const scheduler = recordingScheduler('a');
    const warnings: string[] = [];
    const asked = await inviteNewlyReachable({ pulses: pulsesOf({ a: [open('a')], c: [open('c')] }), deliveries, scheduler, log: { warn: (m) => warnings.push(m) } }, ['a', 'c']);
    expect(asked).toBe(1);
    expect(scheduler.asked).toEqual(['c']);
    expect(warnings).toEqual(['inviting people who can now be reached to the open pulse failed']);
  });

  it('does nothing where cards go directly, without the delivery engine', async () => {
    expect(await inviteNewlyReachable({ pulses: pulsesOf({ a: [open('a')] }), deliveries, log: { warn: () => undefined } }, ['a'])).toBe(0);
  });
});
