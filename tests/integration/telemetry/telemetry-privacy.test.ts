import { BotClient } from '../../support/bot-client';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector';
import { startFakeIngestion, type FakeIngestion } from '../../support/fake-ingestion';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { TEST_HMAC_KEY, testStorage, uniquePrefix } from '../../support/test-storage';
import type { Storage } from '../../../src/storage/storage';
import { runSurvey, storedKeys, type RunSecrets } from './survey-run';

/**
 * Telemetry as an outsider reading Application Insights would see it: the real server in its
 * own process, with APPLICATIONINSIGHTS_CONNECTION_STRING pointing at a fake ingestion
 * endpoint, a whole survey run through it (install, set-up, pulse start, cards through the
 * queue, three people answering), and every payload searched for what that run must not
 * reveal: user ids, names, e-mails, conversation ids, respondent keys, answers, row keys.
 * The same run's log lines (stderr) are searched too, and read as JSON.
 */

jest.setTimeout(120_000);

let ingestion: FakeIngestion;
let connector: FakeConnector;
let server: ServerProcess;
let storage: Storage;
let secrets: RunSecrets;
let rowKeys: string[];
let requestHeader: string | null;

beforeAll(async () => {
  ingestion = await startFakeIngestion();
  connector = await startFakeConnector();
  const prefix = uniquePrefix();
  storage = await testStorage({ prefix });
  server = await startServerProcess({
    STORAGE_NAME_PREFIX: prefix,
    AUTH_MODE: 'development',
    SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY,
    APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString(),
    NODE_EXTRA_CA_CERTS: ingestion.caFile,
    // Export quickly, so the test does not wait a minute for a batch.
    OTEL_BSP_SCHEDULE_DELAY: '200',
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
    DELIVERY_QUIET_HOURS: 'none',
    DELIVERY_QUIET_WEEKENDS: 'false',
    DELIVERY_IDLE_POLL_MS: '50',
    DELIVERY_JOB_POLL_MS: '500',
  });
  const client = new BotClient(`${server.url}/api/messages`, connector.url);
  secrets = await runSurvey(client, connector, storage);
  requestHeader = (await fetch(`${server.url}/healthz`)).headers.get('x-request-id');
  rowKeys = await storedKeys(storage);
  // Stopping flushes what telemetry still holds.
  await server.stop();
});

afterAll(async () => {
  await server?.stop();
  await connector?.stop();
  await ingestion?.stop();
});

/**
 * What must not be found, by what it is. Logs may name a collaborative or a pulse by its id
 * (the people who run RC Pulse need to know which one a warning is about), so row keys are
 * searched for in telemetry only; the keys that could link a person (respondent keys, the
 * ledger's row keys) are searched for everywhere.
 */
function forbidden(options: { rowKeys: boolean }): Array<[string, string]> {
  return [
    ...secrets.userIds.map((v) => ['a user id', v] as [string, string]),
    ...secrets.names.map((v) => ['a name', v] as [string, string]),
    ...secrets.emails.map((v) => ['an e-mail', v] as [string, string]),
    ...secrets.conversationIds.flatMap((v) => [['a conversation id', v], ['a conversation id (encoded)', encodeURIComponent(v)]] as Array<[string, string]>),
    ...secrets.respondentKeys.map((v) => ['a respondent key', v.slice(0, 16)] as [string, string]),
    ...secrets.answers.map((v) => ['an answer', v] as [string, string]),
    ...(options.rowKeys ? rowKeys : []).flatMap((v) => [['a row key', v], ['a row key (encoded)', encodeURIComponent(v)]] as Array<[string, string]>),
  ];
}

function leaks(texts: readonly string[], options = { rowKeys: true }): string[] {
  return forbidden(options).flatMap(([what, value]) => (texts.some((t) => t.includes(value)) ? [`${what}: ${value}`] : []));
}

describe('telemetry sent to Application Insights during a survey run', () => {
  it('arrives: a request for /api/messages, a dependency for a card sent to the Bot Connector, storage calls and RC Pulse metrics', () => {
    const requests = ingestion.ofType('RequestData').map((i) => i.data!.baseData!);
    expect(requests.some((r) => r.name === 'POST /api/messages')).toBe(true);
    const dependencies = ingestion.ofType('RemoteDependencyData').map((i) => i.data!.baseData!);
    const connectorHost = new URL(connector.url).host;
    const cardSends = dependencies.filter((d) => String(d.data ?? '').includes(connectorHost) && String(d.data).includes('/v3/conversations/:id/activities'));
    expect(cardSends.length).toBeGreaterThan(0);
    expect(dependencies.some((d) => /Table|Queue|devstoreaccount1/.test(JSON.stringify(d)))).toBe(true);
    const metricNames = ingestion.ofType('MetricData').flatMap((i) => ((i.data!.baseData!.metrics as { name: string }[] | undefined) ?? []).map((m) => m.name));
    expect(metricNames).toEqual(expect.arrayContaining(['rcpulse.cards.sent']));
  });

  it('holds no user id, name, e-mail, conversation id, respondent key, answer or row key', () => {
    expect(ingestion.bodies.length).toBeGreaterThan(0);
    expect(secrets.respondentKeys).toHaveLength(4);
    expect(rowKeys.length).toBeGreaterThan(10);
    expect(leaks(ingestion.bodies)).toEqual([]);
  });
});

describe('the server log of the same run', () => {
  it('is one JSON event per line, with time, level and message, and the request reference while a request is handled', () => {
    const lines = server.stderrLines();
    expect(lines.length).toBeGreaterThan(0);
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of events) {
      expect(typeof e.time).toBe('string');
      expect(['info', 'warn', 'error']).toContain(e.level);
      expect(typeof e.message).toBe('string');
    }
    const requests = events.filter((e) => typeof e.requestId === 'string' && String(e.message).startsWith('POST /api/messages'));
    expect(requests.length).toBeGreaterThan(5);
    expect(requestHeader).toMatch(/^[0-9a-f]{16}$/);
  });

  it('holds no user id, name, e-mail, conversation id, respondent key or answer', () => {
    expect(leaks(server.stderrLines(), { rowKeys: false })).toEqual([]);
  });
});
