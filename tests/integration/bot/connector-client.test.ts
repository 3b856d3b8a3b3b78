import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorClient, ConnectorRequestError } from '../../../bot/connector-client';
import { freePort } from '../../../src/local/ports';

/**
 * The proactive client's contract with the delivery engine: what Teams answered, exactly; and
 * when no answer came, whether the request can have arrived ('maybe': never send it again
 * blindly) or certainly did not ('no': safe to try again).
 */

// Each server answers with writeHead, then end: restify, loaded by other suites in the same
// worker, changes what writeHead returns.
type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

const servers: http.Server[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, body, res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const client = (options: { timeoutMs?: number; token?: string } = {}) =>
  new ConnectorClient({ token: async () => options.token, userAgent: 'rc-pulse-test', ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });

async function failureOf(promise: Promise<unknown>): Promise<ConnectorRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorRequestError);
  return error as ConnectorRequestError;
}

describe('the Bot Connector client', () => {
  it('posts the JSON with the token and reports the status and body Teams answered', async () => {
    const seen: { path?: string; auth?: string; type?: string; agent?: string; body?: unknown } = {};
    const url = await serve((req, body, res) => {
      Object.assign(seen, { path: req.url, auth: req.headers.authorization, type: req.headers['content-type'], agent: req.headers['user-agent'], body: JSON.parse(body) });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: '1:abc' }));
    });
    const answer = await client({ token: 'tok' }).post(url, 'v3/conversations/a%3A1/activities', { type: 'message', text: 'Hello, Ruth – é' });
    expect(answer).toEqual({ status: 201, body: { id: '1:abc' } });
    expect(seen).toEqual({
      path: '/v3/conversations/a%3A1/activities',
      auth: 'Bearer tok',
      type: 'application/json; charset=utf-8',
      agent: 'rc-pulse-test',
      body: { type: 'message', text: 'Hello, Ruth – é' },
    });
  });

  it('reports a 429 with its Retry-After, and a body that is not JSON as no body', async () => {
    const url = await serve((_req, _body, res) => {
      res.writeHead(429, { 'retry-after': '2' });
      res.end('Too many requests');
    });
    expect(await client().post(url, 'v3/conversations/x/activities', {})).toEqual({ status: 429, body: undefined, retryAfterMs: 2000 });
  });

  it('reuses its connection for the next request', async () => {
    const sockets = new Set<unknown>();
    const url = await serve((req, _body, res) => {
      sockets.add(req.socket);
      res.writeHead(201);
      res.end('{}');
    });
    const c = client();
    for (let i = 0; i < 5; i++) expect((await c.post(url, 'v3/conversations/x/activities', {})).status).toBe(201);
    expect(sockets.size).toBe(1);
  });

  it('says a request certainly did not arrive when nothing listens', async () => {
    const port = await freePort();
    const error = await failureOf(client().post(`http://127.0.0.1:${port}/`, 'v3/conversations/x/activities', {}));
    expect(error.delivered).toBe('no');
  });

  it('says a request may have arrived when the answer does not come in time, or is cut off', async () => {
    const silent = await serve(() => undefined);
    expect((await failureOf(client({ timeoutMs: 300 }).post(silent, 'v3/conversations/x/activities', {}))).delivered).toBe('maybe');
    const cut = await serve((_req, _body, res) => {
      res.writeHead(201, { 'content-length': '100' });
      res.write('{"id":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect((await failureOf(client().post(cut, 'v3/conversations/x/activities', {}))).delivered).toBe('maybe');
  });

  it('says a request did not leave when there is no token for it', async () => {
    const c = new ConnectorClient({
      token: async () => {
        throw new Error('login refused');
      },
    });
    const error = await failureOf(c.post('http://127.0.0.1:9/', 'v3/conversations/x/activities', {}));
    expect(error).toMatchObject({ delivered: 'no', message: expect.stringContaining('login refused') });
  });
});
