import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mountTabRoutes } from '../../../src/http/tab-static-route';
import { createServer } from '../../../src/http/server';

// What the results tab's files give away to anyone who asks, and the headers that keep the
// tab's page from running anything but its own code. A folder laid out like a Vite build,
// with a source map left in it (an older build's, say), stands in for tab/dist.

let dir = '';
let url = '';
let close: () => void = () => undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-pulse-tab-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/tab/assets/index-abc123.js"></script></head><body></body></html>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("tab");\n');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["../src/secret-source.tsx"]}');
  fs.writeFileSync(path.join(dir, 'index.html.map'), '{"version":3}');
  const server = createServer({ health: async () => ({ ok: true, checks: {} }), log: () => undefined });
  mountTabRoutes(server, { tabDir: dir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => {
  close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the results tab's files", () => {
  it('never serves a source map, even one left in the folder', async () => {
    expect((await fetch(`${url}/tab/assets/index-abc123.js`)).status).toBe(200);
    for (const map of ['/tab/assets/index-abc123.js.map', '/tab/index.html.map', '/tab/assets/INDEX-abc123.js.map', '/tab/assets/index-abc123.js%2Emap']) {
      const res = await fetch(`${url}${map}`);
      expect([map, res.status]).toEqual([map, 404]);
      expect(await res.text()).not.toContain('secret-source');
    }
  });

  it("sends the page with a Content-Security-Policy that allows only the tab's own code, Microsoft sign-in and Teams' frames", async () => {
    for (const page of ['/tab/', '/tab/results', '/tab/personal']) {
      const res = await fetch(`${url}${page}`);
      expect(res.status).toBe(200);
      const csp = Object.fromEntries(
        res.headers.get('content-security-policy')!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]),
      );
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp['connect-src']).toEqual(["'self'", 'https://login.microsoftonline.com']);
      expect(csp['frame-ancestors']).toEqual(
        expect.arrayContaining(["'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.office.com', 'https://*.skype.com']),
      );
      expect(csp['frame-ancestors']).not.toContain('*');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('sends nosniff and no-referrer with the scripts too', async () => {
    const res = await fetch(`${url}/tab/assets/index-abc123.js`);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
