import { cycles, describe as line, importsOf, importsUnder, sourceFiles, within, type ImportEdge } from './import-graph';

/**
 * The direction of imports that docs/architecture (and docs/project-layout.md) promise,
 * checked on the source itself, so the picture stays true without anyone having to remember it:
 *
 *   bot/, src/http, src/cli, src/local (edges) -> src/app (use-cases) -> src/domain (pure)
 *   src/delivery (the sending path) knows card kinds and job kinds, never surveys
 *   tab/ -> src/contract + src/domain only; src/contract -> src/domain only
 */

/** A rule: which files it covers, and what an import of theirs must not be. */
interface Rule {
  name: string;
  covers: (file: string) => boolean;
  /** Why this edge breaks the rule, or undefined when it is fine. */
  breaks: (edge: ImportEdge) => boolean;
}

const inFolder = (folder: string) => (file: string) => file.startsWith(`${folder}/`);
const pkg = (e: ImportEdge) => (e.target === undefined ? e.specifier.replace(/^node:/, '') : undefined);
const serverEdges = ['bot', 'src/http', 'src/cli', 'src/local'];

/** Packages the pure domain may use: validation and maths only. */
const DOMAIN_PACKAGES = new Set(['zod', '@stdlib/stats-base-dists-t-quantile']);

export const RULES: Rule[] = [
  {
    name: 'src/domain is pure: it imports only zod, maths and itself',
    covers: inFolder('src/domain'),
    breaks: (e) => (e.target === undefined ? !DOMAIN_PACKAGES.has(pkg(e)!) : !within(e.target, 'src/domain')),
  },
  {
    name: 'src/contract (shared with the browser) imports only zod, src/domain and itself',
    covers: inFolder('src/contract'),
    breaks: (e) => (e.target === undefined ? pkg(e) !== 'zod' : !within(e.target, 'src/contract') && !within(e.target, 'src/domain')),
  },
  {
    name: 'src/app (use-cases) never imports an edge, the wire contract, or botbuilder/restify',
    covers: inFolder('src/app'),
    breaks: (e) =>
      [...serverEdges, 'src/contract', 'tab'].some((f) => within(e.target, f)) ||
      ['botbuilder', 'botframework-connector', 'restify', '@microsoft/teams-js'].includes(pkg(e) ?? ''),
  },
  {
    name: 'the sending path (src/delivery) knows nothing of pulses or surveys: only the ports of src/app',
    covers: inFolder('src/delivery'),
    breaks: (e) =>
      (within(e.target, 'src/app') && e.target !== 'src/app/ports') ||
      (within(e.target, 'src/cards') && !(e.typeOnly && e.target === 'src/cards/card-types')) ||
      serverEdges.some((f) => within(e.target, f)),
  },
  {
    name: 'src/storage and src/cards sit below the use-cases: they import no use-case and no edge',
    covers: (f) => inFolder('src/storage')(f) || inFolder('src/cards')(f),
    breaks: (e) => ['src/app', 'src/delivery', ...serverEdges, 'tab'].some((f) => within(e.target, f)),
  },
  {
    name: 'src/http never imports the bot edge',
    covers: inFolder('src/http'),
    breaks: (e) => within(e.target, 'bot'),
  },
  {
    name: 'only src/telemetry loads OpenTelemetry or the Azure Monitor SDK (delivery and the rest count through ports)',
    covers: (f) => !inFolder('src/telemetry')(f),
    breaks: (e) => /^@opentelemetry\/|^@azure\/monitor-opentelemetry/.test(pkg(e) ?? ''),
  },
  {
    name: 'tab/ imports server code only from src/contract and src/domain',
    covers: inFolder('tab'),
    breaks: (e) => e.target !== undefined && !within(e.target, 'tab') && !within(e.target, 'src/contract') && !within(e.target, 'src/domain'),
  },
];

/** Every edge that breaks a rule, as readable lines grouped by rule. */
export function violations(edges: readonly ImportEdge[], rules: readonly Rule[] = RULES): string[] {
  return rules.flatMap((rule) => edges.filter((e) => rule.covers(e.from) && rule.breaks(e)).map((e) => `${rule.name}: ${line(e)}`));
}

describe('the direction of imports', () => {
  const edges = importsUnder('src', 'bot', 'tab/src');

  it('reads a real import graph (every folder it guards has files with imports)', () => {
    for (const folder of ['src/domain', 'src/contract', 'src/app', 'src/delivery', 'src/storage', 'src/cards', 'src/http', 'bot', 'tab/src']) {
      expect(sourceFiles(folder).length).toBeGreaterThan(0);
      expect(edges.some((e) => e.from.startsWith(`${folder}/`))).toBe(true);
    }
  });

  it('follows every rule', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('has no import cycle among modules loaded at run time', () => {
    expect(cycles(edges).map((c) => c.join(' -> '))).toEqual([]);
  });
});

describe('the rules themselves catch what they are for', () => {
  /** An import of a package (no target). */
  const edge = (from: string, specifier: string): ImportEdge => ({ from, specifier, typeOnly: false });
  const resolved = (from: string, target: string, typeOnly = false): ImportEdge => ({ from, specifier: `./${target}`, target, typeOnly });

  it.each([
    ['the domain importing storage', resolved('src/domain/scoring.ts', 'src/storage/storage')],
    ['the domain importing the Azure SDK', edge('src/domain/model/pulse.ts', '@azure/data-tables')],
    ['the domain importing node:fs', edge('src/domain/csv.ts', 'node:fs')],
    ['a use-case importing an HTTP module', resolved('src/app/results/results-view.ts', 'src/http/server')],
    ['a use-case importing the wire contract', resolved('src/app/results/results-view.ts', 'src/contract/api-contract', true)],
    ['a use-case importing the bot', resolved('src/app/install/team-install.ts', 'bot/rc-pulse-bot')],
    ['a use-case importing botbuilder', edge('src/app/install/team-install.ts', 'botbuilder')],
    ['delivery importing a pulse use-case', resolved('src/delivery/card-delivery.ts', 'src/app/pulse/pulse-cards')],
    ['delivery importing the survey', resolved('src/delivery/send-worker.ts', 'src/app/survey/survey-actions', true)],
    ['delivery building a survey card', resolved('src/delivery/card-delivery.ts', 'src/cards/survey-card')],
    ['the tab importing storage', resolved('tab/src/app.tsx', 'src/storage/storage')],
    ['the tab importing a use-case', resolved('tab/src/app.tsx', 'src/app/results/results-view', true)],
    ['storage importing a use-case', resolved('src/storage/pulse-repository.ts', 'src/app/pulse/pulse-lookup')],
    ['the contract importing zod-free server code', resolved('src/contract/api-contract.ts', 'src/http/route-kit')],
    ['delivery importing the OpenTelemetry API', edge('src/delivery/card-delivery.ts', '@opentelemetry/api')],
    ['the bot loading Azure Monitor itself', edge('bot/index.ts', '@azure/monitor-opentelemetry')],
  ])('reports %s', (_what, bad) => {
    expect(violations([bad])).toHaveLength(1);
  });

  it.each([
    ['the domain importing zod', edge('src/domain/scoring.ts', 'zod')],
    ['delivery importing the ports', resolved('src/delivery/card-delivery.ts', 'src/app/ports', true)],
    ['delivery naming the card type', resolved('src/delivery/card-kinds.ts', 'src/cards/card-types', true)],
    ['the tab importing the contract', resolved('tab/src/app.tsx', 'src/contract/api-contract')],
    ['the tab importing the domain', resolved('tab/src/app.tsx', 'src/domain/instrument')],
    ['the bot importing a use-case', resolved('bot/rc-pulse-bot.ts', 'src/app/pulse/start-pulse')],
    ['telemetry loading Azure Monitor', edge('src/telemetry/telemetry.ts', '@azure/monitor-opentelemetry')],
  ])('allows %s', (_what, fine) => {
    expect(violations([fine])).toEqual([]);
  });

  it('finds a cycle of runtime imports, and ignores one closed only by a type import', () => {
    const a = resolved('src/app/a.ts', 'src/app/b');
    const b = resolved('src/app/b.ts', 'src/app/a');
    expect(cycles([a, b])).toHaveLength(1);
    expect(cycles([a, { ...b, typeOnly: true }])).toEqual([]);
  });

  it('resolves relative imports and ignores imports shown in comments', () => {
    const own = importsOf('tests/unit/architecture/architecture.test.ts');
    expect(own.some((e) => e.target === 'tests/unit/architecture/import-graph')).toBe(true);
    // import { nothing } from '../../../src/storage/storage';  <- a comment, not an import
    expect(own.some((e) => e.target === 'src/storage/storage')).toBe(false);
  });
});
