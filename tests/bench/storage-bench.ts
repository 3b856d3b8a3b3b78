import { randomBytes } from 'node:crypto';
import { TableClient, type TransactionAction } from '@azure/data-tables';
import { parseConfig } from '../../src/config/config';
import { evenChunks, forEachLimit } from '../../src/storage/batch-writer';
import { scopePartitionKey, randomKey } from '../../src/storage/keys/key-rules';
import { createStorage, type Storage } from '../../src/storage/storage';
import { startAzurite } from '../support/azurite';
import { aResponse } from '../support/fixtures';
import { responsesToMatrix } from '../../src/app/pulse/pulse-figures';
import { DIMENSIONS } from '../../src/domain/instrument';
import type { Response } from '../../src/domain/model/response';
import { score } from '../../src/domain/scoring';
import type { BenchModule } from './bench-module';
import type { PulseScope } from '../../src/domain/model/pulse';

/**
 * Storage benchmark: 10,000 responses through the real path (submit to the pending area,
 * release into the Responses table), then one pulse's responses read back; and the same
 * rows written and read with the bare SDK, to show what the repository layer costs.
 * Starts its own in-memory Azurite.
 */
const ROWS = 10_000;
/** Responses sent through submit and release (Azurite scans its tables, so this path is slow there). */
const PATH_ROWS = 2_000;
const SUBMIT_PARALLEL = 32;
const RAW_BATCH_PARALLEL = 4; // as the repositories do

interface Figure {
  label: string;
  rows: number;
  ms: number;
}

async function timed(label: string, rows: number, work: () => Promise<unknown>): Promise<Figure> {
  const start = process.hrtime.bigint();
  await work();
  return { label, rows, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const rate = (f: Figure) => (f.rows / f.ms) * 1000;

function print(f: Figure, note = ''): void {
  const perSecond = Math.round(rate(f)).toLocaleString('en-GB');
  console.log(
    `  ${f.label.padEnd(46)} ${f.rows.toLocaleString('en-GB').padStart(7)} rows ${(f.ms / 1000).toFixed(2).padStart(7)} s ${perSecond.padStart(8)} rows/s${note}`,
  );
}

async function submitAll(storage: Storage, scope: PulseScope, count: number): Promise<void> {
  const people = Array.from({ length: count }, (_, i) => i);
  await forEachLimit(people, SUBMIT_PARALLEL, async (i) => {
    const respondentKey = storage.respondentKey(scope, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await storage.submissions.submit({ ...scope, respondentKey }, aResponse(scope, i));
  });
}

const WIDE_GROUPS = Array.from({ length: 15 }, (_, g) => `wg-${g + 1}`);

/** A response rating all 15 workgroups on the 7 items, with a few answers left out. */
function wideResponse(scope: PulseScope, i: number): Response {
  const base = aResponse(scope, i);
  const ratings = Object.fromEntries(
    WIDE_GROUPS.map((g, t) => [g, Object.fromEntries(DIMENSIONS.map((d, j) => [d, (i + t + j) % 11 === 0 ? null : 1 + ((i * 7 + t * 3 + j) % 5)]))]),
  );
  return { ...base, respondentWorkgroupId: WIDE_GROUPS[i % 15]!, ratings } as Response;
}

/** The same response rows, written as bare entities in batches of 100 with the SDK alone. */
async function rawWrite(client: TableClient, scope: PulseScope): Promise<void> {
  const entities = Array.from({ length: ROWS }, (_, i) => {
    const { ratings, ...rest } = aResponse(scope, i);
    return { partitionKey: scopePartitionKey(scope), rowKey: randomKey(), ...rest, ratings: JSON.stringify(ratings) };
  });
  const chunks = evenChunks(entities.map((e): TransactionAction => ['upsert', e, 'Replace']));
  await forEachLimit(chunks, RAW_BATCH_PARALLEL, async (chunk) => {
    await client.submitTransaction(chunk);
  });
}

async function rawRead(client: TableClient, scope: PulseScope): Promise<number> {
  let n = 0;
  const filter = `PartitionKey eq '${scopePartitionKey(scope)}'`;
  for await (const page of client.listEntities({ queryOptions: { filter } }).byPage({ maxPageSize: 1000 })) n += page.length;
  return n;
}

/** Storage under a fresh prefix: Azurite's in-memory tables slow down as they fill, so every
 * measurement starts from empty tables and the figures compare like with like. */
async function freshStorage(connectionString: string, prefix: string): Promise<Storage> {
  const config = parseConfig({
    STORAGE_CONNECTION_STRING: connectionString,
    SECRET_LEDGER_HMAC_KEY: randomBytes(32).toString('hex'),
    STORAGE_NAME_PREFIX: prefix,
  });
  const storage = createStorage(config);
  await storage.ensureTables();
  return storage;
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const scope = { collaborativeId: 'bench', pulseId: 'baseline' };
    const n = ROWS.toLocaleString('en-GB');
    console.log(`storage bench: ${n} responses (5 workgroups rated each), one pulse, Azurite 3.35 in memory`);

    const rawStorage = await freshStorage(azurite.connectionString, 'benchraw');
    const rawWriteFigure = await timed('raw SDK batch write (baseline)', ROWS, () => rawWrite(rawStorage.clients.responses, scope));
    print(rawWriteFigure);

    const storage = await freshStorage(azurite.connectionString, 'benchrepo');
    const rows = Array.from({ length: ROWS }, (_, i) => ({ releasedAs: randomKey(), response: aResponse(scope, i) }));
    const repoWrite = await timed('ResponseRepository batch write', ROWS, () => storage.responses.writeReleased(rows));
    print(repoWrite, `  ratio to raw ${(rate(repoWrite) / rate(rawWriteFigure)).toFixed(2)}`);

    let read = 0;
    const repoRead = await timed('ResponseRepository read of the pulse (zod)', ROWS, async () => {
      read = (await storage.responses.list(scope)).length;
    });
    if (read !== ROWS) throw new Error(`read ${read}, expected ${ROWS}`);
    const rawReadFigure = await timed('raw SDK read of the same pulse', ROWS, async () => {
      read = await rawRead(storage.clients.responses, scope);
    });
    if (read !== ROWS) throw new Error(`raw read ${read}, expected ${ROWS}`);
    print(repoRead, `  ratio to raw ${(rate(repoRead) / rate(rawReadFigure)).toFixed(2)}`);
    print(rawReadFigure);

    // The goal of the storage issue: a 10,000-response pulse of 15 workgroups read and scored.
    const wide = await freshStorage(azurite.connectionString, 'benchwide');
    const wideRows = Array.from({ length: ROWS }, (_, i) => ({ releasedAs: randomKey(), response: wideResponse(scope, i) }));
    await wide.responses.writeReleased(wideRows);
    let respondents = 0;
    const endToEnd = await timed('read + score a 10,000-response pulse (15 groups)', ROWS, async () => {
      respondents = score(responsesToMatrix(await wide.responses.list(scope))).respondents;
    });
    if (respondents !== ROWS) throw new Error(`scored ${respondents}, expected ${ROWS}`);
    print(endToEnd, `  goal < 3 s: ${endToEnd.ms < 3000 ? 'met' : 'NOT met'}`);

    // The whole anonymous path, smaller: each submit is 2 reads and 1 transaction.
    const path = await freshStorage(azurite.connectionString, 'benchpath');
    const submit = await timed('submit to pending (ledger + pending, 1 txn)', PATH_ROWS, () => submitAll(path, scope, PATH_ROWS));
    print(submit, `  (${SUBMIT_PARALLEL} at a time)`);
    let released = 0;
    const release = await timed('release pending -> responses (k = 5)', PATH_ROWS, async () => {
      released = (await path.releasePending(scope, { k: 5 })).released;
    });
    if (released !== PATH_ROWS) throw new Error(`released ${released}, expected ${PATH_ROWS}`);
    print(release, `  ratio to raw ${(rate(release) / rate(rawWriteFigure)).toFixed(2)}`);
  } finally {
    await azurite.stop();
  }
}

/** For tests/bench/run.ts: add `storageBench` to its BENCHES list. */
export const storageBench: BenchModule = { name: 'storage (Azure Tables on Azurite)', run };

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
