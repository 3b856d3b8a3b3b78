import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LEGAL_PAGE_CSP, LEGAL_PAGE_PATHS } from '../../../src/http/legal-pages-route';
import { fillPlaceholders, placeholders } from '../../../src/local/app-package';
import { startApi, type ApiHarness } from '../api/api-harness';

/**
 * The privacy notice and terms of use, served by the real server (the same assembly as in
 * Azure), as Teams reaches them: through the URLs in the app manifest. A page that is missing,
 * or that could run or load anything from elsewhere, fails here.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

async function page(url: string): Promise<{ status: number; csp: string | null; type: string | null; html: string }> {
  const res = await fetch(url);
  return { status: res.status, csp: res.headers.get('content-security-policy'), type: res.headers.get('content-type'), html: await res.text() };
}

/** The manifest's ${{VAR}}s filled as a deployment would, with this test server as PUBLIC_URL. */
function filled(file: string): Record<string, unknown> {
  const text = read(file);
  const env = Object.fromEntries(placeholders(text).map((name) => [name, `test-${name.toLowerCase()}`]));
  return JSON.parse(fillPlaceholders(text, { ...env, PUBLIC_URL: api.url })) as Record<string, unknown>;
}

describe('the privacy notice and the terms of use', () => {
  it.each(Object.values(LEGAL_PAGE_PATHS))('%s answers 200 as HTML under a policy that allows nothing but its own stylesheet', async (route) => {
    const res = await page(`${api.url}${route}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html; charset=utf-8');
    expect(res.csp).toBe(LEGAL_PAGE_CSP);
    const directives = new Map(res.csp!.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    // The one stylesheet is allowed by its hash, so a browser applies it (and nothing else).
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.html)?.[1] ?? '';
    expect(directives.get('style-src')).toEqual([`'sha256-${createHash('sha256').update(style).digest('base64')}'`]);
    // Nothing to run and nothing fetched from elsewhere: no script, no remote source or link.
    expect(res.html).not.toMatch(/<script|<iframe|<img|<link|\son\w+=/i);
    expect(res.html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(res.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('say what is kept, where, for how long and who sees it, in the words the code lives by', async () => {
    const { html } = await page(`${api.url}${LEGAL_PAGE_PATHS.privacy}`);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const heading of ['What RC Pulse keeps', 'Where it is kept', 'How long it is kept', 'Who can see it']) expect(text).toContain(heading);
    for (const fact of ['keyed hash', 'conversation reference', 'Family links', 'Azure Table Storage', 'Azure Storage Queues', 'Azure Key Vault']) {
      expect(text).toContain(fact);
    }
    expect(text).toContain('Anonymous answers: 5 years after the pulse closes');
    expect(text).toContain('delivery records: 90 days after the pulse closes');
    expect(text).toContain("Families' answers to transition checks: 12 months");
  });

  it('are where the Teams app manifest and the tab\'s Entra app send people', async () => {
    const manifest = filled('appPackage/manifest.json') as { developer: { privacyUrl: string; termsOfUseUrl: string } };
    expect(manifest.developer.privacyUrl).toBe(`${api.url}${LEGAL_PAGE_PATHS.privacy}`);
    expect(manifest.developer.termsOfUseUrl).toBe(`${api.url}${LEGAL_PAGE_PATHS.terms}`);
    const entra = filled('aad.manifest.json') as { informationalUrls: { privacy: string; termsOfService: string } };
    expect(entra.informationalUrls).toEqual({ privacy: manifest.developer.privacyUrl, termsOfService: manifest.developer.termsOfUseUrl });
    for (const url of [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
      const res = await page(url);
      expect([url, res.status, res.html]).toEqual([url, 200, expect.stringContaining('<h1>RC Pulse: ')]);
    }
  });
});
