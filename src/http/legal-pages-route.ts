import { createHash } from 'node:crypto';
import type restify from 'restify';
import { PRIVACY_PAGE, TERMS_PAGE, type LegalPage } from './legal-pages-content';

/**
 * GET /privacy and GET /terms: the privacy notice and terms of use the Teams app manifest links
 * to (developer.privacyUrl, developer.termsOfUseUrl). Plain HTML that anyone can read without
 * signing in, on a phone as well as a desktop, with nothing loaded from anywhere: no script at
 * all, one stylesheet inline and allowed by its hash, so the policy can forbid everything else.
 */

/** The routes, named once: the manifest's URLs are checked against these. */
export const LEGAL_PAGE_PATHS = { privacy: '/privacy', terms: '/terms' } as const;

// Readable at 390 px: the page follows the screen's width, text wraps (long words too), and the
// type is never smaller than the reader's default. Colours follow the reader's light or dark setting.
const STYLE = `
:root { color-scheme: light dark; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 1rem; line-height: 1.55;
  max-width: 42rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; }
ul { padding-left: 1.25rem; }
li { margin: 0.4rem 0; }
nav { font-size: 0.95rem; }
a { color: LinkText; }
`;

const styleHash = createHash('sha256').update(STYLE).digest('base64');

/** Nothing may load or run except the page's own stylesheet; no one may frame it or post from it. */
export const LEGAL_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${styleHash}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function render(page: LegalPage): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}: RC Pulse</title>
<style>${STYLE}</style>
</head>
<body>
<nav aria-label="RC Pulse"><a href="${LEGAL_PAGE_PATHS.privacy}">Privacy notice</a> · <a href="${LEGAL_PAGE_PATHS.terms}">Terms of use</a></nav>
<main>
<h1>RC Pulse: ${page.title.toLowerCase()}</h1>
${page.bodyHtml.trim()}
</main>
</body>
</html>
`;
}

/** Mounts GET /privacy and GET /terms. The pages are fixed text, rendered once. */
export function mountLegalPages(server: restify.Server): void {
  const pages: [string, string][] = [
    [LEGAL_PAGE_PATHS.privacy, render(PRIVACY_PAGE)],
    [LEGAL_PAGE_PATHS.terms, render(TERMS_PAGE)],
  ];
  for (const [route, html] of pages) {
    // Async (two arguments) because restify refuses a callback-style handler without `next`.
    server.get(route, async (_req: restify.Request, res: restify.Response) => {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(html),
        'Content-Security-Policy': LEGAL_PAGE_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // The words change only with a new version of the app; an hour's cache is plenty.
        'Cache-Control': 'public, max-age=3600',
      });
      res.end(html);
    });
  }
}
