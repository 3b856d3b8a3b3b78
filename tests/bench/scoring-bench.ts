import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchModule } from './bench-module';
import { writeRatingsCsvFile } from './generate-ratings';

const ROOT = resolve(__dirname, '../..');
const SIZES = [10_000, 20_000];
/** Runs per size; times are the median, memory the largest, to damp a noisy machine. */
const RUNS = 3;

interface Measure {
  parseMs: number;
  scoreMs: number;
  maxRssMb: number;
}

// Each measurement runs in a fresh Node process, on the built code (dist/), so that peak
// memory (maxRSS) belongs to that size alone and includes nothing of the benchmark itself.
const CHILD = `
const { readRatingsFile } = require(${JSON.stringify(join(ROOT, 'dist/src/cli/read-ratings-file.js'))});
const { score } = require(${JSON.stringify(join(ROOT, 'dist/src/domain/scoring.js'))});
(async () => {
  const t0 = performance.now();
  const matrix = await readRatingsFile(process.argv[1]);
  const t1 = performance.now();
  const report = score(matrix);
  const t2 = performance.now();
  if (report.respondents !== matrix.respondentCount) throw new Error('respondent count differs');
  process.stdout.write(JSON.stringify({ parseMs: t1 - t0, scoreMs: t2 - t1, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
})();
`;

function measure(file: string): Measure {
  const r = spawnSync(process.execPath, ['-e', CHILD, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the measuring process failed: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as Measure;
}

/** Wall time of the real command, start-up and JSON output included. */
function cliSeconds(file: string): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/rc-pulse.js'), 'score', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`rc-pulse score failed: ${r.stderr.trim()}`);
  return (performance.now() - started) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pad = (s: string, n: number) => s.padStart(n);
const fixed = (x: number, digits = 2) => x.toFixed(digits);

interface Row {
  respondents: number;
  lines: number;
  mb: number;
  parse: number;
  score: number;
  rss: number;
  cli: number;
}

async function run(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/src/cli/read-ratings-file.js'))) {
    throw new Error('dist/ is missing: run "npm run bench", which builds first');
  }
  const dir = mkdtempSync(join(tmpdir(), 'rc-pulse-bench-'));
  const rows: Row[] = [];
  try {
    for (const respondents of SIZES) {
      const file = join(dir, `ratings-${respondents}.csv`);
      const lines = writeRatingsCsvFile(file, { respondents, seed: 42 });
      const runs = Array.from({ length: RUNS }, () => measure(file));
      rows.push({
        respondents,
        lines,
        mb: statSync(file).size / 1e6,
        parse: median(runs.map((m) => m.parseMs)) / 1000,
        score: median(runs.map((m) => m.scoreMs)) / 1000,
        rss: Math.max(...runs.map((m) => m.maxRssMb)),
        cli: cliSeconds(file),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  print(rows);
}

function print(rows: Row[]): void {
  console.log(`rc-pulse score: file -> matrix (streaming) and score(), median of ${RUNS} fresh processes each`);
  console.log(`${pad('respondents', 12)}${pad('ratings', 11)}${pad('file MB', 9)}${pad('parse s', 9)}${pad('score s', 9)}${pad('peak RSS MB', 13)}${pad('CLI s', 8)}`);
  for (const r of rows) {
    console.log(`${pad(r.respondents.toLocaleString('en-GB'), 12)}${pad(r.lines.toLocaleString('en-GB'), 11)}${pad(fixed(r.mb, 1), 9)}`
      + `${pad(fixed(r.parse), 9)}${pad(fixed(r.score), 9)}${pad(fixed(r.rss, 0), 13)}${pad(fixed(r.cli), 8)}`);
  }
  const [small, large] = rows;
  if (!small || !large) return;
  const ratio = (f: (r: Row) => number) => f(large) / f(small);
  console.log(`${pad('20k / 10k', 12)}${pad('', 20)}${pad(`x${fixed(ratio((r) => r.parse))}`, 9)}${pad(`x${fixed(ratio((r) => r.score))}`, 9)}`
    + `${pad(`x${fixed(ratio((r) => r.rss))}`, 13)}${pad(`x${fixed(ratio((r) => r.cli))}`, 8)}`);
  const goals: [string, boolean][] = [
    [`scoring 10k < 1 s (${fixed(small.score)} s)`, small.score < 1],
    [`peak memory 10k < 400 MB (${fixed(small.rss, 0)} MB)`, small.rss < 400],
    [`parse 20k/10k <= 2.2 (x${fixed(ratio((r) => r.parse))})`, ratio((r) => r.parse) <= 2.2],
    [`scoring 20k/10k <= 2.2 (x${fixed(ratio((r) => r.score))})`, ratio((r) => r.score) <= 2.2],
  ];
  for (const [goal, met] of goals) console.log(`  ${met ? 'met    ' : 'MISSED '} ${goal}`);
}

export const scoringBench: BenchModule = { name: 'scoring (parse + score)', run };
