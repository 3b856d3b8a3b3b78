import { main, type Io } from '../../../src/cli/main';
import { parseSetupArgs, SETUP_TOPICS } from '../../../src/cli/setup-args';
import { InputError } from '../../../src/cli/input-error';

function capture(): Io & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => { io.out += t; }, stderr: (t: string) => { io.err += t; } };
  return io;
}

const refused = (argv: string[]) => {
  try {
    parseSetupArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
};

describe('reading the set-up command lines', () => {
  it('reads each command with its options, in any order, with a space or an equals sign', () => {
    expect(parseSetupArgs(['collaborative', 'create', '--k=7', '--name', 'Y&H', '--focal-process', 'admission', '--facilitator', '6F1D3C2A-8B7E-4C5D-9A0B-1C2D3E4F5A6B'])).toEqual({
      kind: 'collaborative-create',
      input: { name: 'Y&H', focalProcess: 'admission', k: 7, id: undefined, minItems: undefined, allowedTenantIds: undefined, facilitatorIds: ['6f1d3c2a-8b7e-4c5d-9a0b-1c2d3e4f5a6b'] },
    });
    expect(parseSetupArgs(['collaborative', 'set', 'yh', '--min-items', '3'])).toMatchObject({ kind: 'collaborative-set', change: { collaborativeId: 'yh', minItems: 3 } });
    expect(parseSetupArgs(['collaborative', 'set', 'yh', '--intervention-digest', 'On'])).toMatchObject({ kind: 'collaborative-set', change: { collaborativeId: 'yh', interventionDigest: true } });
    expect(parseSetupArgs(['collaborative', 'set', 'yh', '--intervention-digest=off'])).toMatchObject({ kind: 'collaborative-set', change: { interventionDigest: false } });
    expect(parseSetupArgs(['workgroups', 'set', 'yh', 'MBU nursing', 'x=Maternity'])).toEqual({ kind: 'list-set', list: 'workgroups', collaborativeId: 'yh', items: ['MBU nursing', 'x=Maternity'], file: undefined });
    expect(parseSetupArgs(['roster', 'import', '--collaborative', 'yh', 'staff.csv'])).toEqual({ kind: 'roster-import', file: 'staff.csv', collaborativeId: 'yh' });
    expect(parseSetupArgs(['export', 'responses', '--pulse', 'p1', '--out', 'p1.csv'])).toEqual({ kind: 'export-responses', pulseId: 'p1', collaborativeId: undefined, out: 'p1.csv' });
    expect(parseSetupArgs(['seed', 'demo'])).toEqual({ kind: 'seed-demo' });
  });

  it.each([
    [['collaborative'], 'collaborative needs one of: create, show, set'],
    [['collaborative', 'create', '--name', 'X'], 'collaborative create needs --name and --focal-process'],
    [['collaborative', 'create', '--name', 'X', '--focal-process', 'y', '--k', '2'], '--k must be a whole number from 3 to 25'],
    [['collaborative', 'create', '--name', ' ', '--focal-process', 'y'], '--name: a name is needed'],
    [['collaborative', 'set', 'yh'], 'collaborative set needs at least one of --focal-process, --k, --min-items, --facilitator, --tenant'],
    [['collaborative', 'set', 'yh', '--min-items', '8'], '--min-items must be a whole number from 1 to 7'],
    [['collaborative', 'set', 'yh', '--intervention-digest', 'yes'], '--intervention-digest must be on or off'],
    [['collaborative', 'set', 'yh', '--facilitator', 'fran@nhs.net'], '--facilitator must be an Entra object id'],
    [['collaborative', 'set', 'yh', '--k', '5', '--k', '6'], '--k is given more than once'],
    [['collaborative', 'show', 'not/an id'], 'the collaborative id: an id is 1 to 64 letters'],
    [['workgroups', 'set', 'yh'], 'workgroups set needs the workgroups either as arguments or as --file FILE.csv, not both'],
    [['organisations', 'set', 'yh', 'a=A', '--file', 'o.csv'], 'not both'],
    [['roster', 'upload', 'x.csv'], 'unknown command "roster upload"; roster is followed by import'],
    [['roster', 'import', 'x.csv'], 'roster import needs --collaborative ID'],
    [['export', 'responses', '--pulse', 'p', '--format', 'xlsx'], 'unknown option "--format" for export responses; the options are --pulse, --collaborative, --out'],
    [['export', 'responses'], 'export responses needs --pulse ID'],
    [['seed', 'demo', 'now'], 'seed demo needs nothing more'],
  ])('refuses %j with a hint', (argv, message) => {
    expect(refused(argv)).toContain(message);
  });

  it.each(SETUP_TOPICS.map((t) => [t]))('prints help for %s with an example, without touching storage', async (topic) => {
    const io = capture();
    await expect(main([topic, '--help'], io)).resolves.toBe(0);
    expect(io.err).toBe('');
    expect(io.out).toMatch(/^Usage:/);
    expect(io.out).toMatch(new RegExp(`Example:\\n {2}rc-pulse ${topic} `));
    expect(io.out).toContain('env/.env.local.user');
  });

  it('reports a bad list item by its place before contacting storage', async () => {
    const io = capture();
    await expect(main(['workgroups', 'set', 'yh', 'MBU nursing', 'x='], io)).resolves.toBe(2);
    expect(io.err).toBe('rc-pulse: item 2 ("x="): a name is needed\n');
  });
});
