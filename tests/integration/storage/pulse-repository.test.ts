import { IllegalStateError } from '../../../src/domain/errors';
import { DEFAULT_INSTRUMENT } from '../../../src/domain/instrument';
import { canAdvance, pulseMethod, advancePulse, type Pulse, type PulseStatus } from '../../../src/domain/model/pulse';
import { DEFAULT_BANDS, DEFAULT_MIN_ITEMS } from '../../../src/domain/scoring';
import { pulseKeys } from '../../../src/storage/keys/pulse-keys';
import { ConcurrencyError } from '../../../src/storage/storage-errors';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative, aPulse } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';

let storage: Storage;
let collaborativeId: string;
beforeAll(async () => {
  storage = await testStorage();
  collaborativeId = (await storage.collaboratives.create(aCollaborative())).value.id;
});

const OPEN_AT = '2024-04-16T09:00:00.000Z';
const CLOSE_AT = '2024-04-30T17:00:00.000Z';

describe('pulse status moves (pure rule)', () => {
  const statuses: PulseStatus[] = ['draft', 'open', 'closed'];
  it.each(statuses.flatMap((from) => statuses.map((to) => [from, to] as const)))('%s -> %s', (from, to) => {
    const legal = (from === 'draft' && to === 'open') || (from === 'open' && to === 'closed');
    expect(canAdvance(from, to)).toBe(legal);
    const pulse = { ...aPulse('c'), status: from } as Pulse;
    if (legal) expect(advancePulse(pulse, to, OPEN_AT).status).toBe(to);
    else expect(() => advancePulse(pulse, to, OPEN_AT)).toThrow(IllegalStateError);
  });
});

describe('pulse repository (Azurite)', () => {
  it('moves a pulse draft -> open -> closed, stamping when', async () => {
    const draft = await storage.pulses.create(aPulse(collaborativeId));
    const open = await storage.pulses.advance(draft, 'open', OPEN_AT);
    const closed = await storage.pulses.advance(open, 'closed', CLOSE_AT);

    const stored = (await storage.pulses.get(collaborativeId, draft.value.id)).value;
    expect(stored).toEqual(closed.value);
    expect(stored).toMatchObject({ status: 'closed', openedAt: OPEN_AT, closedAt: CLOSE_AT, reminderDays: [3, 6] });
  });

  it.each([
    ['draft', 'closed'],
    ['open', 'draft'],
    ['closed', 'open'],
    ['closed', 'draft'],
  ] as const)('refuses %s -> %s, through transition and through a plain update, and stores nothing', async (from, to) => {
    let pulse = await storage.pulses.create(aPulse(collaborativeId));
    if (from !== 'draft') pulse = await storage.pulses.advance(pulse, 'open', OPEN_AT);
    if (from === 'closed') pulse = await storage.pulses.advance(pulse, 'closed', CLOSE_AT);

    await expect(storage.pulses.advance(pulse, to, CLOSE_AT)).rejects.toBeInstanceOf(IllegalStateError);
    await expect(storage.pulses.update(pulse, { ...pulse.value, status: to })).rejects.toMatchObject({
      code: 'illegal_state',
      status: 409,
    });
    const stored = await storage.pulses.get(collaborativeId, pulse.value.id);
    expect(stored).toEqual(pulse);
  });

  it('when two facilitators open the same pulse at once, exactly one succeeds and the other gets a conflict', async () => {
    const draft = await storage.pulses.create(aPulse(collaborativeId));
    const results = await Promise.allSettled([
      storage.pulses.advance(draft, 'open', '2024-04-16T09:00:00.000Z'),
      storage.pulses.advance(draft, 'open', '2024-04-16T09:00:01.000Z'),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(ConcurrencyError);
    const winner = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ value: Pulse }>;
    expect((await storage.pulses.get(collaborativeId, draft.value.id)).value).toEqual(winner.value.value);
  });

  it('when one facilitator closes while another edits reminders, one wins and the other is told to reload', async () => {
    const open = await storage.pulses.advance(await storage.pulses.create(aPulse(collaborativeId)), 'open', OPEN_AT);
    const results = await Promise.allSettled([
      storage.pulses.advance(open, 'closed', CLOSE_AT),
      storage.pulses.update(open, { ...open.value, reminderDays: [2, 4, 6] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const stored = (await storage.pulses.get(collaborativeId, open.value.id)).value;
    const closedWon = results[0].status === 'fulfilled';
    expect(stored.status).toBe(closedWon ? 'closed' : 'open');
    expect(stored.reminderDays).toEqual(closedWon ? [3, 6] : [2, 4, 6]);
  });

  it('keeps what a pulse asks fixed once it is open', async () => {
    const draft = await storage.pulses.create(aPulse(collaborativeId));
    const edited = await storage.pulses.update(draft, { ...draft.value, targetWorkgroupIds: ['maternity', 'mbu-nursing'] });
    const open = await storage.pulses.advance(edited, 'open', OPEN_AT);

    await expect(storage.pulses.update(open, { ...open.value, targetWorkgroupIds: ['maternity'] })).rejects.toMatchObject({
      code: 'illegal_state',
      userMessage: expect.stringContaining('cannot change once it has opened'),
    });
    expect((await storage.pulses.get(collaborativeId, draft.value.id)).value.targetWorkgroupIds).toEqual([
      'maternity',
      'mbu-nursing',
    ]);
  });

  it('keeps how a pulse is scored fixed once it is open: minItems, bands and wording', async () => {
    const wording = { ...DEFAULT_INSTRUMENT, id: 'licensed', name: 'Licensed wording' };
    const open = await storage.pulses.advance(await storage.pulses.create(aPulse(collaborativeId, { k: 7, minItems: 5, bands: { moderate: 3, strong: 4.2 }, instrument: wording })), 'open', OPEN_AT);
    expect((await storage.pulses.get(collaborativeId, open.value.id)).value).toMatchObject({ k: 7, minItems: 5, bands: { moderate: 3, strong: 4.2 }, instrument: { id: 'licensed' } });
    for (const change of [{ minItems: 7 }, { bands: { moderate: 3.5, strong: 4 } }, { instrument: DEFAULT_INSTRUMENT }]) {
      await expect(storage.pulses.update(open, { ...open.value, ...change })).rejects.toMatchObject({ code: 'illegal_state' });
    }
    expect(pulseMethod((await storage.pulses.get(collaborativeId, open.value.id)).value, 5)).toMatchObject({ k: 7, minItems: 5, instrument: { id: 'licensed' } });
  });

  it('reads a pulse stored before its method was copied with the defaults, whatever the collaborative says now', async () => {
    const older = aPulse(collaborativeId, { status: 'closed', openedAt: OPEN_AT, closedAt: CLOSE_AT });
    // Written as the earlier version wrote pulses: no minItems, bands or wording on the row.
    await storage.clients.pulses.createEntity({
      ...pulseKeys(collaborativeId, older.id!),
      ...older,
      targetWorkgroupIds: JSON.stringify(older.targetWorkgroupIds),
      reminderDays: JSON.stringify(older.reminderDays),
    });
    const read = (await storage.pulses.get(collaborativeId, older.id!)).value;
    expect(pulseMethod(read, 9)).toEqual({ k: 9, minItems: DEFAULT_MIN_ITEMS, bands: DEFAULT_BANDS, instrument: DEFAULT_INSTRUMENT });
    // Saved again (the close marks its figures final): the defaults are written down with it.
    const marked = await storage.pulses.modify(collaborativeId, older.id!, (p) => ({ ...p, figuresFinalAt: CLOSE_AT }));
    const keys = pulseKeys(collaborativeId, older.id!);
    const raw = await storage.clients.pulses.getEntity<Record<string, unknown>>(keys.partitionKey, keys.rowKey);
    expect([raw.minItems, JSON.parse(raw.bands as string)]).toEqual([DEFAULT_MIN_ITEMS, DEFAULT_BANDS]);
    expect(marked.value.figuresFinalAt).toBe(CLOSE_AT);
  });

  it('lists a collaborative’s pulses newest first and finds open pulses across collaboratives', async () => {
    const other = (await storage.collaboratives.create(aCollaborative())).value.id;
    const older = await storage.pulses.create(aPulse(other, { createdAt: '2024-01-01T00:00:00.000Z' }));
    const newer = await storage.pulses.create(aPulse(other, { createdAt: '2024-06-01T00:00:00.000Z' }));
    await storage.pulses.advance(newer, 'open', OPEN_AT);

    expect((await storage.pulses.list(other)).map((p) => p.id)).toEqual([newer.value.id, older.value.id]);
    const open = await storage.pulses.listByStatus('open');
    expect(open.map((p) => p.id)).toContain(newer.value.id);
    expect(open.every((p) => p.status === 'open')).toBe(true);
  });

  it('refuses a pulse that closes before it opens', async () => {
    await expect(
      storage.pulses.create(aPulse(collaborativeId, { opensAt: CLOSE_AT, closesAt: OPEN_AT })),
    ).rejects.toMatchObject({ code: 'invalid_input', status: 400 });
  });
});
