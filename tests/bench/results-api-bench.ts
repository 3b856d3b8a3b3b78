import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { TransactionAction } from '@azure/data-tables';
import { createBotApp, type BotApp } from '../../bot/bot-app';
import { DEMO_FACILITATOR_AAD_ID, DEMO_TENANT_ID } from '../../src/app/demo/demo-data';
import { publishClosedPulse } from '../../src/app/pulse/publish-results';
import { parseAuthConfig } from '../../src/config/auth-config';
import { parseConfig } from '../../src/config/config';
import { DIMENSIONS } from '../../src/domain/instrument';
import type { MemberInput } from '../../src/domain/model/member';
import type { Response } from '../../src/domain/model/response';
import { evenChunks, forEachLimit } from '../../src/storage/batch-writer';
import { scopePartitionKey, randomKey } from '../../src/storage/keys/key-rules';
import { INTAKE_SHARDS, intakeKeys, ledgerKeys } from '../../src/storage/keys/submission-keys';
import { createStorage, type Storage } from '../../src/storage/storage';
import { startAzurite } from '../support/azurite';
import type { BenchModule } from './bench-module';

/**
 * The results of a pulse of 10,000 respondents rating 15 workgroups, with Azurite in memory:
 * - the close's publication (once per pulse, in the close job): every response read and
 *   scored, the response rates worked out from every invitation, member and ledger row, and
 *   both stored;
 * and, over HTTP on the real server (GET .../pulses/:id/results, sign-in included), p50 and
 * p95 of:
 * - cold instance: a new instance (nothing in memory) reading what the close stored: the
 *   pulse, the snapshot and the kept rates (a read never writes, and never computes figures);
 * - warm: the same instance again (the view is reused; sign-in and access checked);
 * - an open pulse, cold: its progress only (the invitations, the ledger and a count of the
 *   released responses), reused for 30 seconds.
 * Goals: p95 under 1.5 s cold (a new instance), under 100 ms warm.
 */

const RESPONDENTS = 10_000;
const GROUPS = Array.from({ length: 15 }, (_, g) => `wg-${String(g + 1).padStart(2, '0')}`);
const ORGS = ['lypft', 'bdct', 'swyp', 'humber', 'rdash', 'shsc', 'tewv'];
const COLD_RUNS = 10;
const WARM_RUNS = 200;
const GOALS = { cold: 1500, warm: 100 };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function wideResponse(scope: { collaborativeId: string; pulseId: string }, i: number): Response {
  const ratings = Object.fromEntries(
    GROUPS.map((g, t) => [g, Object.fromEntries(DIMENSIONS.map((d, j) => [d, (i + t + j) % 11 === 0 ? null : 1 + ((i * 7 + t * 3 + j) % 5)]))]),
  );
  return { ...scope, respondentWorkgroupId: GROUPS[i % GROUPS.length]!, ratings, day: '2024-05-01' } as Response;
}

/** Invitations and finished ledger rows of every member, in one pulse. */
async function invitationsAndLedger(storage: Storage, scope: { collaborativeId: string; pulseId: string }, members: readonly MemberInput[]): Promise<void> {
  await storage.deliveries.ensurePending(scope, members.map((m) => m.aadObjectId!));
  const ledger = members.map((m): TransactionAction => {
    const respondentKey = storage.respondentKey(scope, m.aadObjectId!);
    return ['upsert', { ...ledgerKeys(scope, respondentKey), collaborativeId: scope.collaborativeId, pulseId: scope.pulseId, respondentKey, status: 'finished', step: 16 }, 'Replace'];
  });
  await forEachLimit(evenChunks(ledger), 4, async (chunk) => {
    await storage.clients.submissions.submitTransaction(chunk);
  });
}

/**
 * 10,000 installed members; a closed pulse with their invitations, finished ledger rows and
 * responses; an open pulse with their invitations and ledger rows.
 */
async function seed(storage: Storage, collaborativeId: string, pulseId: string, openPulseId: string): Promise<void> {
  const scope = { collaborativeId, pulseId };
  let t = performance.now();
  const lap = (what: string) => {
    if (process.env.BENCH_VERBOSE) console.log(`    seeded ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
  };
  await storage.organisations.upsertMany(ORGS.map((id) => ({ collaborativeId, id, name: `${id.toUpperCase()} NHS Foundation Trust` })));
  await storage.workgroups.upsertMany(GROUPS.map((id, i) => ({ collaborativeId, id, name: `Workgroup ${i + 1}` })));
  const members: MemberInput[] = Array.from({ length: RESPONDENTS }, (_, i) => {
    const aadObjectId = randomUUID();
    return {
      collaborativeId, id: `m${i}`, aadObjectId, upn: `person.${i}@nhs.net`, displayName: `Person ${i}`,
      organisationId: ORGS[i % ORGS.length]!, workgroupId: GROUPS[i % GROUPS.length]!, installState: 'installed',
      // About the size of a real conversation reference, which a lean read skips.
      conversationReference: { conversation: { id: `a:${randomBytes(180).toString('base64')}` }, serviceUrl: 'https://smba.trafficmanager.net/uk/', user: { id: `29:${aadObjectId}` } },
    };
  });
  await storage.members.upsertMany(members);
  lap('members');
  await invitationsAndLedger(storage, scope, members);
  lap('invitations and ledger');
  await storage.responses.writeReleased(Array.from({ length: RESPONDENTS }, (_, i) => ({ releasedAs: randomKey(), response: wideResponse(scope, i) })));
  lap('responses');
  const pulse = { kind: 'survey', focalProcess: 'admission to the mother and baby unit', targetWorkgroupIds: GROUPS, createdAt: '2024-04-01T09:00:00.000Z', openedAt: '2024-04-01T09:00:00.000Z' } as const;
  await storage.pulses.create({ ...pulse, collaborativeId, id: pulseId, title: 'Bench pulse', status: 'closed', closedAt: '2024-05-01T17:00:00.000Z' });
  await invitationsAndLedger(storage, { collaborativeId, pulseId: openPulseId }, members);
  await storage.pulses.create({ ...pulse, collaborativeId, id: openPulseId, title: 'Open bench pulse', status: 'open', closesAt: '2030-05-01T17:00:00.000Z' });
  lap('open pulse');
  await storage.collaboratives.create({
    id: collaborativeId, name: 'Bench collaborative', focalProcess: 'admission to the mother and baby unit', facilitatorIds: [DEMO_FACILITATOR_AAD_ID], createdAt: '2024-03-01T09:00:00.000Z',
    // The demo people sign in from the demo tenant: the collaborative allows it, as a real one allows its Trusts'.
    allowedTenantIds: [DEMO_TENANT_ID],
  });
}

/** Removes stored rows of one partition of the snapshots table (publications, or the kept rates). */
async function dropPartition(storage: Storage, partitionKey: string): Promise<void> {
  const client = storage.clients.snapshots;
  for await (const row of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}'`, select: ['PartitionKey', 'RowKey'] } })) {
    await client.deleteEntity(row.partitionKey!, row.rowKey!);
  }
}

/** The close's publication of the closed pulse, timed (stored figures, rates and marks removed first). */
async function timedPublication(storage: Storage, scope: { collaborativeId: string; pulseId: string }): Promise<number> {
  const partition = scopePartitionKey(scope);
  await dropPartition(storage, partition);
  await dropPartition(storage, `${partition}:rates`);
  const { figuresFinalAt: _final, ...unmarked } = (await storage.pulses.get(scope.collaborativeId, scope.pulseId)).value;
  const pulse = (await storage.pulses.modify(scope.collaborativeId, scope.pulseId, () => unmarked)).value;
  for (let shard = 0; shard < INTAKE_SHARDS; shard++) {
    const intake = intakeKeys(scope, shard);
    await storage.clients.submissions.deleteEntity(intake.partitionKey, intake.rowKey).catch(() => undefined);
  }
  const start = performance.now();
  await publishClosedPulse({ ...storage, clock: () => new Date() }, pulse, { k: 5 }, '2024-05-01T17:00:00.000Z');
  return performance.now() - start;
}

async function timedGet(url: string, token: string, state: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { state?: string };
  const ms = performance.now() - start;
  if (res.status !== 200 || body.state !== state) throw new Error(`results answered ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return ms;
}

function report(label: string, samples: number[], goal?: number): void {
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  const verdict = goal === undefined ? '' : `  goal p95 < ${goal} ms: ${p95 < goal ? 'met' : 'NOT met'}`;
  console.log(`  ${label.padEnd(44)} n=${String(samples.length).padStart(3)}  p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms${verdict}`);
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const azurite = await startAzurite();
  let app: BotApp | undefined;
  try {
    const config = parseConfig({ STORAGE_CONNECTION_STRING: azurite.connectionString, SECRET_LEDGER_HMAC_KEY: randomBytes(32).toString('hex'), STORAGE_NAME_PREFIX: 'benchapi' });
    const storage = createStorage(config);
    await storage.ensureTables();
    const scope = { collaborativeId: 'bench-api', pulseId: 'big' };
    const seeding = performance.now();
    await seed(storage, scope.collaborativeId, scope.pulseId, 'big-open');
    console.log(`results API bench: ${RESPONDENTS.toLocaleString('en-GB')} respondents x ${GROUPS.length} workgroups, a closed and an open pulse, with invitations, ledger and members (seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s); Azurite 3.35 in memory`);
    const publications: number[] = [];
    for (let i = 0; i < 3; i++) publications.push(await timedPublication(storage, scope));

    app = createBotApp({ storage, config: { appId: '', appType: 'MultiTenant', tabUrl: 'http://127.0.0.1/tab' }, auth: parseAuthConfig({ AUTH_MODE: 'development' }, { host: '127.0.0.1' }), log: () => undefined });
    const server = app.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const users = (await (await fetch(`${base}/api/dev/users`)).json()) as { users: { upn: string }[] };
    const signIn = await fetch(`${base}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ upn: users.users[0]!.upn }) });
    const { token } = (await signIn.json()) as { token: string };
    const url = (pulseId: string) => `${base}/api/collaboratives/${scope.collaborativeId}/pulses/${pulseId}/results`;
    const body = await (await fetch(url(scope.pulseId), { headers: { Authorization: `Bearer ${token}` } })).text();
    console.log(`  body ${(body.length / 1024).toFixed(0)} KB of JSON`);

    const sample = async (pulseId: string, state: string, prepare: () => Promise<void>, runs: number) => {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        await prepare();
        samples.push(await timedGet(url(pulseId), token, state));
      }
      return samples;
    };
    const coldInstance = await sample(scope.pulseId, 'figures', async () => app!.api!.clearCaches(), COLD_RUNS);
    const warm = await sample(scope.pulseId, 'figures', async () => undefined, WARM_RUNS);
    const openCold = await sample('big-open', 'open', async () => app!.api!.clearCaches(), COLD_RUNS);

    report('the close publishes (score 10,000, rates)', publications);
    report('cold instance (figures and rates stored)', coldInstance, GOALS.cold);
    report('warm', warm, GOALS.warm);
    report('open pulse, cold (progress only)', openCold);
  } finally {
    app?.server.close();
    await azurite.stop();
  }
}

/** For tests/bench/run.ts: add `resultsApiBench` to its BENCHES list. */
export const resultsApiBench: BenchModule = { name: 'results API (10,000 respondents x 15 workgroups)', run };

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
