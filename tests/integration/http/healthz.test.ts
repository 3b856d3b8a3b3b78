import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { storageHealth } from '../../../src/app/health/storage-health';
import { createServer } from '../../../src/http/server';
import { azuriteConnectionString } from '../../../src/local/azurite-process';
import { freePort } from '../../../src/local/ports';
import { parseConfig } from '../../../src/config/config';
import { createStorage } from '../../../src/storage/storage';
import { TEST_HMAC_KEY, testStorage } from '../../support/test-storage';

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the server', () => {
  const servers: restify.Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('reports storage reachable on /healthz when Azurite answers', async () => {
    const server = createServer({ health: storageHealth(await testStorage()) });
    servers.push(server);
    const res = await fetch(`${await listen(server)}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { storage: 'ok' } });
  });

  it('reports 503 with storage unreachable when nothing answers, without a stack or raw error text', async () => {
    // Storage configured for ports where nothing listens.
    const dead = azuriteConnectionString(await freePort(), await freePort());
    const config = parseConfig({ STORAGE_CONNECTION_STRING: dead, SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY });
    const unreachable = createStorage(config, { maxRetries: 0, tryTimeoutInMs: 500 });
    const server = createServer({ health: storageHealth(unreachable, 2000) });
    servers.push(server);
    const res = await fetch(`${await listen(server)}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', checks: { storage: 'unreachable' } });
  });

  it('answers an unknown address with a JSON 404 a person can read', async () => {
    const server = createServer({ health: async () => ({ ok: true, checks: {} }) });
    servers.push(server);
    const res = await fetch(`${await listen(server)}/no-such-thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'not_found', message: 'There is nothing at this address.' });
  });
});
