import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setWorkgroups } from '../../src/app/setup/set-workgroups';
import { parseConfig } from '../../src/config/config';
import { DIMENSIONS } from '../../src/domain/instrument';
import { readLocalEnv } from '../../src/local/local-env';
import { freePort } from '../../src/local/ports';
import { createStorage, type Storage } from '../../src/storage/storage';
import { startAzurite } from '../support/azurite';
import { accountOf, aTeam, aUser, BotClient, invokeCard, personalChatId, type TeamsUser } from '../support/bot-client';
import { buttonData } from '../support/card-buttons';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import type { BenchModule } from './bench-module';

/**
 * The bot under a crowd: 200 people answer a pulse at the same time through the real server
 * (dist/bot/index.js in its own process, as in production), over HTTP, with Universal Action
 * invokes as Teams sends them, on Azurite in memory; the fake Bot Connector is the serviceUrl.
 * Each person chooses their group, rates the 6 groups, reviews and submits: 8 card steps.
 *
 * Two runs, each with 200 people of its own:
 * - paced: everyone is in the survey at once, and reads and answers each card before pressing
 *   (3 to 9 s, at random; a person rating 7 items really takes 20 s or more, so this is a
 *   crowd several times denser than a real one). The round trip of a card step here is the
 *   goal: p95 under 150 ms.
 * - flat out: everyone presses the next button the moment the card arrives, to find what one
 *   server can take (its latency is then mostly queueing, and says little).
 */

/** People answering at once (BOT_BENCH_RESPONDENTS overrides, to look at one person alone). */
const RESPONDENTS = Number(process.env.BOT_BENCH_RESPONDENTS ?? 200);
const WORKGROUPS = ['MBU nursing', 'MBU medical', 'Community perinatal team', 'Maternity', 'Health visiting', 'Commissioners'];
/** How long a person takes over a card before pressing, in the paced run (ms, uniform). */
const THINK_MS: readonly [number, number] = [3000, 9000];
/** People open the invitation over this long in the paced run (in life, over hours). */
const ARRIVALS_MS = 15_000;
/** The goal for one card step's round trip in the paced run, at the 95th percentile. */
const GOAL_P95_MS = 150;
const ROOT = path.resolve(__dirname, '..', '..');
const TENANT = '6f4c2a10-8c1e-4b7a-9d3e-2a5b7c9d1e0f';

type Card = Record<string, unknown>;

interface Timing {
  step: string;
  ms: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * The server from dist/, with the settings `npm start` gives it (env/.env.local and its
 * .user file) but this run's storage and port; resolves once it listens.
 */
async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const entry = path.join(ROOT, 'dist', 'bot', 'index.js');
  if (!fs.existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  const settings = { ...readLocalEnv(ROOT, process.env), ...env };
  const child = spawn(process.execPath, ['--no-deprecation', entry], { env: settings, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('RC Pulse is listening')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server stopped (exit code ${code}): ${output.slice(0, 500)}`)));
  });
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data').resume();
  return child;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A team of the facilitator and RESPONDENTS people, the app installed, workgroups set, a pulse started and every card delivered. */
async function openPulse(client: BotClient, connector: FakeConnector, storage: Storage, name: string): Promise<{ people: TeamsUser[]; fanOutMs: number }> {
  const team = aTeam(TENANT, `Perinatal pathway (${name})`);
  const facilitator = aUser(TENANT, 'Fran Facilitator');
  const people = Array.from({ length: RESPONDENTS }, (_, i) => aUser(TENANT, `Bench Person ${i + 1}`));
  connector.setMembers(team.id, [facilitator, ...people].map(accountOf));
  await client.installInTeam(facilitator, team);
  const collaborative = (await storage.collaboratives.findByTeamsTeam(team.id))!.value;
  const clock = () => new Date();
  await setWorkgroups({ storage, clock, actor: { id: facilitator.aadObjectId, name: facilitator.name } }, {
    collaborativeId: collaborative.id,
    workgroups: WORKGROUPS.map((name) => ({ name })),
  });
  const started = performance.now();
  const reply = await client.message(facilitator, 'pulse start', { team });
  if (reply.status !== 200) throw new Error(`pulse start answered ${reply.status}`);
  // The cards may go out through the delivery queue after the reply: wait until everyone has one.
  const deadline = Date.now() + 120_000;
  while (people.some((p) => connector.activitiesIn(personalChatId(p)).length === 0)) {
    if (Date.now() > deadline) throw new Error('not everyone was sent a survey card within 120 s');
    await sleep(50);
  }
  return { people, fanOutMs: performance.now() - started };
}

/** One person's whole survey, each card step timed; `think` gives the pause before each press. */
async function answer(client: BotClient, connector: FakeConnector, person: TeamsUser, index: number, timings: Timing[], think: () => number): Promise<void> {
  const invitations = connector.activitiesIn(personalChatId(person));
  const attachments = invitations.at(-1)?.attachments as { content?: Card }[] | undefined;
  let card = attachments?.[0]?.content;
  if (!card) throw new Error(`${person.name} has no survey card`);
  const scores = Object.fromEntries(DIMENSIONS.map((d, j) => [d, String(1 + ((index + j) % 5))]));
  const steps: [string, Record<string, unknown>][] = [
    ['Start', { workgroupId: groupChoice(card, index) }],
    ...Array.from({ length: WORKGROUPS.length - 1 }, (): [string, Record<string, unknown>] => ['Next', scores]),
    ['Review', scores],
    ['Submit', {}],
  ];
  for (const [title, inputs] of steps) {
    await sleep(think());
    const { verb, data } = buttonData(card, title, inputs);
    const t0 = performance.now();
    const response = await client.invoke(person, verb, data);
    timings.push({ step: title, ms: performance.now() - t0 });
    card = invokeCard(response);
  }
  if (!JSON.stringify(card).includes('Thank you, your answers are in')) throw new Error(`${person.name}'s submit did not go in: ${JSON.stringify(card).slice(0, 300)}`);
}

/** The value of the index-th choice of the card's group question (spreading people over the groups). */
function groupChoice(card: Card, index: number): string {
  const values = [...JSON.stringify(card).matchAll(/"title":"[^"]*","value":"([^"]+)"/g)].map((m) => m[1]!);
  return values[index % values.length] ?? '';
}

function report(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (p: number) => percentile(sorted, p).toFixed(0).padStart(5);
  return `  ${label.padEnd(26)} ${String(values.length).padStart(6)}  p50 ${f(50)} ms  p95 ${f(95)} ms  p99 ${f(99)} ms`;
}

/** A crowd answers one pulse; prints submits/s and the card step percentiles; returns the p95. */
async function crowd(label: string, people: TeamsUser[], client: BotClient, connector: FakeConnector, pause: (first: boolean) => number): Promise<number> {
  const timings: Timing[] = [];
  const started = performance.now();
  await Promise.all(
    people.map((person, i) => {
      let first = true;
      return answer(client, connector, person, i, timings, () => {
        const ms = pause(first);
        first = false;
        return ms;
      });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const all = timings.map((t) => t.ms);
  console.log(`  ${label}: ${people.length} submits in ${seconds.toFixed(1)} s, ${(people.length / seconds).toFixed(1)} submits/s, ${(all.length / seconds).toFixed(0)} card steps/s`);
  console.log(report('card step (any)', all));
  for (const step of ['Start', 'Next', 'Review', 'Submit']) console.log(report(`  ${step}`, timings.filter((t) => t.step === step).map((t) => t.ms)));
  return percentile([...all].sort((a, b) => a - b), 95);
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const azurite = await startAzurite();
  const connector = await startFakeConnector();
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  const secret = randomBytes(32).toString('hex');
  const env = { STORAGE_CONNECTION_STRING: azurite.connectionString, SECRET_LEDGER_HMAC_KEY: secret, STORAGE_NAME_PREFIX: prefix };
  const storage = createStorage(parseConfig(env));
  await storage.ensureTables();
  const port = await freePort();
  let server: ChildProcess | undefined;
  try {
    server = await startServer({ ...env, STORAGE_ACCOUNT_URL: '', PORT: String(port), HOST: '127.0.0.1', MICROSOFT_APP_ID: '', PUBLIC_URL: `http://127.0.0.1:${port}` });
    const client = new BotClient(`http://127.0.0.1:${port}/api/messages`, connector.url);
    console.log(`bot bench: ${RESPONDENTS} people answer a pulse of ${WORKGROUPS.length} groups at once (8 card steps each), real server over HTTP, Azurite in memory`);

    const paced = await openPulse(client, connector, storage, 'paced');
    console.log(`  pulse start, ${RESPONDENTS + 1} survey cards sent through the fake connector: ${(paced.fanOutMs / 1000).toFixed(2)} s`);
    const [low, high] = THINK_MS;
    const p95 = await crowd(`paced (${low / 1000} to ${high / 1000} s over each card)`, paced.people, client, connector, (first) =>
      first ? Math.random() * ARRIVALS_MS : low + Math.random() * (high - low),
    );
    console.log(`  goal: card step p95 < ${GOAL_P95_MS} ms when paced: ${p95 < GOAL_P95_MS ? 'met' : 'NOT met'}`);

    const flat = await openPulse(client, connector, storage, 'flat out');
    await crowd('flat out (no pause: capacity)', flat.people, client, connector, () => 0);
  } finally {
    server?.kill('SIGTERM');
    await connector.stop();
    await azurite.stop();
  }
}

/** For tests/bench/run.ts: add `botBench` to its BENCHES list. */
export const botBench: BenchModule = { name: 'bot (200 people answering at once)', run };

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
