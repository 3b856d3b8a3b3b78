import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import restify from 'restify';
import { mountTabRoutes } from '../../../src/http/tab-static-route';

/** A GET with the headers and raw bytes as they left the server (fetch would unzip them). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the results tab is served under /tab', () => {
  let dir: string;
  let base: string;
  let server: restify.Server;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-pulse-tab-'));
    fs.mkdirSync(path.join(dir, 'dist', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', 'index.html'), '<!doctype html><title>RC Pulse</title>');
    fs.writeFileSync(path.join(dir, 'dist', 'assets', 'index-abc123.js'), 'console.log("tab");'.repeat(50));
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the tab');
    server = restify.createServer();
    mountTabRoutes(server, { tabDir: path.join(dir, 'dist'), clientId: '11111111-2222-3333-4444-555555555555' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives every page of the tab its index.html, never cached, and only Teams may frame it", async () => {
    for (const page of ['/tab', '/tab/', '/tab/results', '/tab/config', '/tab/personal']) {
      const res = await get(`${base}${page}?collaborative=x`);
      expect(res.status).toBe(200);
      expect(res.body.toString()).toContain('<title>RC Pulse</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(/(^|; )frame-ancestors 'self' https:\/\/teams\.microsoft\.com /);
    }
  });

  it('serves hashed assets gzipped and cached for a year', async () => {
    const res = await get(`${base}/tab/assets/index-abc123.js`, { 'Accept-Encoding': 'gzip, deflate' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(res.body).toString()).toContain('console.log("tab")');
    expect((await get(`${base}/tab/assets/index-abc123.js`)).headers['content-encoding']).toBeUndefined();
  });

  it('answers 404 for a missing file and never serves anything outside the tab', async () => {
    expect((await get(`${base}/tab/assets/missing.js`)).status).toBe(404);
    for (const attempt of ['/tab/../secret.txt', '/tab/%2e%2e/secret.txt', '/tab/..%2fsecret.txt']) {
      const res = await get(`${base}${attempt}`);
      expect(res.body.toString()).not.toContain('outside the tab');
    }
  });

  it('tells the tab its sign-in settings (the public client id only)', async () => {
    const res = await get(`${base}/tab/settings.json`);
    expect(JSON.parse(res.body.toString())).toEqual({ clientId: '11111111-2222-3333-4444-555555555555' });
  });

  it('says how to build the tab when it has not been built', async () => {
    const bare = restify.createServer();
    mountTabRoutes(bare, { tabDir: path.join(dir, 'not-built') });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
    try {
      const res = await get(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/tab/`);
      expect(res.status).toBe(503);
      expect(res.body.toString()).toContain('npm run build');
    } finally {
      bare.close();
    }
  });
});
