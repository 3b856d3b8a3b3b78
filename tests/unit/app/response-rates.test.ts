import { finishedByOrganisation, invitedPlacements } from '../../../src/app/pulse/rate-inputs';
import { responseRates, type RatesInput } from '../../../src/app/pulse/response-rates';

const ORGS = [
  { id: 'humber', name: 'Humber' },
  { id: 'lypft', name: 'Leeds and York' },
  { id: 'swyp', name: 'South West Yorkshire' },
];
const GROUPS = [
  { id: 'mbu', name: 'MBU' },
  { id: 'community', name: 'Community' },
];

/** `n` invited people of one organisation and workgroup. */
const people = (n: number, organisationId: string, workgroupId = 'mbu') =>
  Array.from({ length: n }, (_, i) => ({ aadObjectId: `${organisationId}-${workgroupId}-${i}`, organisationId, workgroupId }));

function rates(overrides: Partial<RatesInput>) {
  return responseRates({ k: 5, workgroups: GROUPS, organisations: ORGS, invited: [], answered: 0, ...overrides });
}

describe('response rates', () => {
  it('shows counts of at least k with their rate, and hides a count below k and the one that would give it away', () => {
    const r = rates({
      invited: [...people(10, 'humber'), ...people(10, 'lypft'), ...people(4, 'swyp')],
      answered: 17,
      finishedByOrganisation: new Map([['humber', 8], ['lypft', 6], ['swyp', 3]]),
    });
    expect(r.byOrganisation.map((o) => [o.id, o.invited, o.answered])).toEqual([
      ['humber', 10, 8],
      ['lypft', 10, null],
      ['swyp', 4, null],
    ]);
    expect(r.byOrganisation[0]!.rate).toBeCloseTo(0.8, 12);
    expect(r.total).toMatchObject({ invited: 24, answered: 17, suppressed: false });
  });

  it('hides the total below k, and with it every part', () => {
    const r = rates({ invited: people(10, 'humber'), answered: 4, finishedByOrganisation: new Map([['humber', 4]]) });
    expect(r.total).toMatchObject({ answered: null, rate: null, suppressed: true });
    expect(r.byOrganisation[0]).toMatchObject({ answered: null, suppressed: true });
  });

  it('takes answered by workgroup from the published figures as they are, hidden ones included', () => {
    const r = rates({ invited: [...people(9, 'humber', 'mbu'), ...people(6, 'humber', 'community')], answered: 12, answeredByWorkgroup: new Map([['mbu', 12], ['community', null]]) });
    expect(r.byWorkgroup.map((w) => [w.id, w.invited, w.answered])).toEqual([
      ['mbu', 12, 12],
      ['community', 6, null],
    ]);
  });

  it('says when who answered was never recorded (loaded pulses), rather than calling it "fewer than k"', () => {
    const r = rates({ invited: people(10, 'humber'), answered: 10 });
    expect(r.organisationAnswers).toBe('not_recorded');
    expect(r.byOrganisation[0]).toMatchObject({ answered: null, suppressed: false });
  });
});

describe('rate inputs', () => {
  it('counts the list in the pulse workgroups when a pulse has no invitations, and invitations otherwise', () => {
    const members = [...people(3, 'humber', 'mbu'), ...people(2, 'humber', 'elsewhere')];
    expect(invitedPlacements({ targetWorkgroupIds: ['mbu'] }, [], members)).toHaveLength(3);
    const deliveries = [{ aadObjectId: 'HUMBER-MBU-0' }, { aadObjectId: 'gone' }] as never[];
    expect(invitedPlacements({ targetWorkgroupIds: ['mbu'] }, deliveries, members)).toEqual([members[0], { aadObjectId: 'gone' }]);
  });

  it('finds who finished by their respondent key, counting anyone no longer placed apart', () => {
    const invited = people(3, 'humber');
    const ledger = [
      { respondentKey: 'key:humber-mbu-0', status: 'finished' },
      { respondentKey: 'key:humber-mbu-1', status: 'started' },
      { respondentKey: 'key:someone-else', status: 'finished' },
    ] as never[];
    const result = finishedByOrganisation(ledger, invited, 2, (oid) => `key:${oid}`);
    expect(result.finishedByOrganisation).toEqual(new Map([['humber', 1], ['', 1]]));
    expect(finishedByOrganisation([], invited, 2, (oid) => oid)).toEqual({});
  });
});
