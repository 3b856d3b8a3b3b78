import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../../src/http/server';

/** GET /healthz with the given Host header; the status and the security headers that came back. */
async function healthWithHost(loopbackHostsOnly: boolean, host: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const server = createServer({ health: async () => ({ ok: true, checks: {} }), loopbackHostsOnly, log: () => undefined });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const port = (server.address() as AddressInfo).port;
    return await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/healthz', headers: { Host: host } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('the Host header rule', () => {
  it('a server that trusts whoever connects answers only requests addressed to this computer', async () => {
    expect((await healthWithHost(true, 'evil.example')).status).toBe(421);
    expect((await healthWithHost(true, 'localhost:3978')).status).toBe(200);
  });

  it('a server that checks its callers answers its public name (App Service sends it)', async () => {
    expect((await healthWithHost(false, 'rcpulse.azurewebsites.net')).status).toBe(200);
  });

  it('every answer carries nosniff and no-referrer', async () => {
    const { headers } = await healthWithHost(false, 'localhost');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  });
});
