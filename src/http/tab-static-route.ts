import fs from 'node:fs';
import path from 'node:path';
import { gzip as gzipAsync, gzipSync } from 'node:zlib';
import type restify from 'restify';

/**
 * Serves the results tab (the Vite build in tab/dist) under /tab/. Every page of the tab
 * (/tab/, /tab/results, /tab/config, /tab/personal) is the same index.html: the tab picks
 * its view from the path. Hashed assets are cached for a year; index.html never is, so a
 * new deployment reaches people on their next visit.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Teams shows tabs in an iframe on these origins (Microsoft's list for Teams and the
 * Microsoft 365 app); nothing else may frame the tab, so a hostile page cannot overlay the
 * results (clickjacking).
 */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.skype.com',
  'https://*.microsoft365.com',
].join(' ');

/**
 * The tab runs only its own scripts (no inline script, nothing from elsewhere); Fluent UI
 * writes its styles into the page at run time, hence inline styles; it talks only to this
 * server and to Microsoft's sign-in. The one image from elsewhere is the empty data: icon.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https://login.microsoftonline.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS}`,
].join('; ');

const HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The folder holding the built tab: tab/dist at the project root (found from here or from dist/src/http). */
export function defaultTabDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'tab'))) return path.join(dir, 'tab', 'dist');
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '..', '..', 'tab', 'dist');
}

function send(res: restify.Response, status: number, type: string, body: Buffer | string, cache: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...HEADERS, ...extra, 'Content-Type': type, 'Cache-Control': cache, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

/**
 * The file's bytes, gzipped when the browser accepts it and the type compresses well. Hashed
 * assets never change under their name, so each is read and compressed once; index.html is
 * read afresh, so a rebuild while the server runs is picked up.
 */
function fileBody(cache: Map<string, Buffer>, file: string, gzip: boolean, immutable: boolean): Buffer {
  const key = `${gzip ? 'gz:' : ''}${file}`;
  const cached = immutable ? cache.get(key) : undefined;
  if (cached) return cached;
  const raw = fs.readFileSync(file);
  const body = gzip ? gzipSync(raw) : raw;
  if (immutable) cache.set(key, body);
  return body;
}

/**
 * Compresses the built JavaScript and CSS in the background once the server starts, so the
 * first person to open the tab does not wait for it. Missing files are simply skipped.
 */
function warmAssets(root: string, cache: Map<string, Buffer>): void {
  const assets = path.join(root, 'assets');
  setImmediate(() => {
    const files = fs.existsSync(assets) ? fs.readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css')) : [];
    for (const name of files) {
      const file = path.join(assets, name);
      fs.readFile(file, (readError, raw) => {
        if (readError) return;
        gzipAsync(raw, (zipError, zipped) => {
          if (!zipError && !cache.has(`gz:${file}`)) cache.set(`gz:${file}`, zipped);
        });
      });
    }
  });
}

const NOT_BUILT = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>RC Pulse</title></head>
<body style="font-family: sans-serif; margin: 2rem"><h1>The results tab is not built yet</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload this page.</p></body></html>`;

export interface TabRouteOptions {
  /** Folder of the built tab; defaults to tab/dist at the project root. */
  tabDir?: string;
  /**
   * The tab's Entra app registration (client) id (TAB_CLIENT_ID), published to the tab at
   * /tab/settings.json for Teams single sign-on. Not a secret: it is in the app manifest too.
   */
  clientId?: string;
}

/**
 * Mounts GET /tab and /tab/* on the server. Files come only from the tab's folder (a request
 * cannot climb out of it); paths without a file extension get index.html, so the tab's own
 * pages work. /tab/settings.json tells the tab how to sign in.
 */
export function mountTabRoutes(server: restify.Server, options: TabRouteOptions = {}): void {
  const root = path.resolve(options.tabDir ?? defaultTabDir());
  const settings = JSON.stringify(options.clientId ? { clientId: options.clientId } : {});
  const cache = new Map<string, Buffer>();
  const serveFile = (req: restify.Request, res: restify.Response, file: string, immutable: boolean) => {
    const extension = path.extname(file);
    const gzip = COMPRESSIBLE.has(extension) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const extra: Record<string, string> = { Vary: 'Accept-Encoding', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) };
    const cacheControl = immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
    send(res, 200, TYPES[extension] ?? 'application/octet-stream', fileBody(cache, file, gzip, immutable), cacheControl, extra);
  };
  warmAssets(root, cache);
  // Async (two arguments) because restify refuses a callback-style handler without `next`.
  const handler: restify.RequestHandler = async (req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      send(res, 400, 'text/plain; charset=utf-8', 'This address could not be understood.', 'no-cache');
      return;
    }
    const relative = pathname.replace(/^\/tab\/?/, '');
    if (relative === 'settings.json') {
      send(res, 200, TYPES['.json']!, settings, 'no-cache');
      return;
    }
    const file = path.resolve(root, relative);
    const inside = file === root || file.startsWith(root + path.sep);
    const extension = path.extname(relative);
    // Source maps are never served, even one left in the folder by an older build: they
    // would hand anyone the tab's source.
    const servable = extension !== '' && extension !== '.map';
    if (inside && servable && fs.existsSync(file) && fs.statSync(file).isFile()) {
      // Vite names everything under assets/ by its content hash.
      serveFile(req, res, file, relative.startsWith('assets/'));
      return;
    }
    if (extension) {
      send(res, 404, 'text/plain; charset=utf-8', 'There is nothing at this address.', 'no-cache');
      return;
    }
    const index = path.join(root, 'index.html');
    if (!fs.existsSync(index)) {
      send(res, 503, 'text/html; charset=utf-8', NOT_BUILT, 'no-store');
      return;
    }
    serveFile(req, res, index, false);
  };
  server.get('/tab', handler);
  server.get('/tab/*', handler);
}
