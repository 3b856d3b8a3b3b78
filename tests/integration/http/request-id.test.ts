import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { createServer } from '../../../src/http/server';
import { createJsonLog } from '../../../src/logging/json-log';

/**
 * The request reference: every answer carries a random X-Request-Id, and every log line made
 * while that request is handled (in the route, after its JSON body was read, after awaits)
 * carries the same id; a log line per request names its route's pattern, never its address.
 */

let server: restify.Server;
let base: string;
const lines: string[] = [];
const events = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  const log = createJsonLog({ write: (l) => lines.push(l) });
  server = createServer({ health: async () => ({ ok: true, checks: {} }), log: log.line });
  server.post('/api/things/:thingId', async (req, res) => {
    await new Promise((r) => setTimeout(r, 5));
    log.warn('handling a thing', { size: JSON.stringify(req.body).length });
    res.send(200, { ok: true });
  });
  server.get('/api/broken', async () => {
    throw new Error('a bug');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('a request reference', () => {
  it('is returned on every answer, different for each request', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await fetch(`${base}/healthz`)).headers.get('x-request-id')));
    const unknown = (await fetch(`${base}/nowhere`)).headers.get('x-request-id');
    for (const id of [...ids, unknown]) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set([...ids, unknown]).size).toBe(4);
  });

  it('is on the log lines of that request, after its body was read, and on its request line, which names the route and not the address', async () => {
    lines.length = 0;
    const res = await fetch(`${base}/api/things/oriel.fairweather?email=oriel@nhs.net`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 1 }) });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    await new Promise((r) => setTimeout(r, 20));
    const mine = events().filter((e) => e.requestId === id);
    expect(mine.map((e) => e.message)).toEqual(['handling a thing', 'POST /api/things/:thingId 200']);
    expect(lines.join('\n')).not.toMatch(/oriel/);
  });

  it('is on the error line of a failed request, with its reference', async () => {
    lines.length = 0;
    const res = await fetch(`${base}/api/broken`);
    expect(res.status).toBe(500);
    const id = res.headers.get('x-request-id');
    await new Promise((r) => setTimeout(r, 20));
    const error = events().find((e) => e.level === 'error');
    expect(error?.requestId).toBe(id);
  });
});
