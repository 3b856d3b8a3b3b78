import type restify from 'restify';

/**
 * What every request meets before routing, decided as early as possible so a stranger
 * cannot make the server do work (or write anything) on their behalf:
 *
 * - on a loopback-only server, the Host header must name this computer (DNS rebinding: a web
 *   page on another site must not reach a server that trusts whoever can connect);
 * - a body sent to /api/messages or /api/* must be JSON, said so in its headers (415 before
 *   a byte of it is read), and at most `maxBytes`, counted as it arrives (413), so chunked
 *   bodies with no Content-Length are held to the same limit. Bodies are read into memory
 *   only: nothing here, and no parser behind it, ever writes a request to disk.
 */

/** The plain answer for a client error: a stable code and a message a person can act on. */
export function clientErrorBody(status: number): { code: string; message: string } {
  switch (status) {
    case 404: return { code: 'not_found', message: 'There is nothing at this address.' };
    case 405: return { code: 'method_not_allowed', message: 'This address does not accept that kind of request.' };
    case 413: return { code: 'too_large', message: 'The request is too large.' };
    case 415: return { code: 'unsupported_media_type', message: 'This address only accepts JSON: please send the request with Content-Type: application/json.' };
    case 421: return { code: 'misdirected_request', message: 'This server only answers requests addressed to this computer (localhost or 127.0.0.1).' };
    default: return { code: 'bad_request', message: 'The request could not be understood. Please check it and try again.' };
  }
}

/** How long a refused connection may keep sending (read and thrown away) before it is cut off. */
const LINGER_MS = 250;

/**
 * Answers with a client error and closes the connection without reading the rest of the
 * body into anything. The close lingers (as web servers do): Node would cut the connection
 * the moment the answer is written, and cutting it while the client is still sending makes
 * the client lose the answer too. So this connection says it has finished (FIN), throws
 * away whatever still arrives for a moment, and only then is cut.
 */
function refuse(req: restify.Request, res: restify.Response, next: restify.Next, status: number, message?: string): void {
  const body = clientErrorBody(status);
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  res.send(status, message ? { ...body, message } : body, { Connection: 'close', 'Cache-Control': 'no-store' });
  next(false);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when the Host header names this computer (any port). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

/** Refuses (421) any request whose Host header is not this computer. */
export function loopbackHostOnly(): restify.RequestHandler {
  return (req, res, next) => {
    if (isLoopbackHostHeader(req.headers.host)) return next();
    return refuse(req, res, next, 421);
  };
}

/** True for the paths whose bodies are read here: the bot's endpoint and the tab's API. */
function readsBody(req: restify.Request): boolean {
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname).toLowerCase();
  } catch {
    return true; // An address that cannot be decoded is held to the strictest rule.
  }
  return path === '/api' || path.startsWith('/api/');
}

/** `application/json`, optionally with a UTF-8 charset: nothing else is JSON to us. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || /^charset=("?)utf-?8\1$/.test(p));
}

/** True when the request says it carries a body (a length above zero, or a transfer encoding). */
function hasBody(req: restify.Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Reads JSON bodies for /api paths into `req.body` (see the module comment). Requests
 * without a body pass untouched; other paths' bodies are never read here.
 */
export function jsonBodies(maxBytes: number): restify.RequestHandler {
  return (req, res, next) => {
    if (!readsBody(req) || !hasBody(req)) return next();
    if (!isJsonContentType(req.headers['content-type'])) return refuse(req, res, next, 415);
    readBody(req, res, next, maxBytes, 'JSON', (text) => {
      if (text.trim() === '') return undefined;
      try {
        req.body = JSON.parse(text) as unknown;
        return undefined;
      } catch {
        return 'The request is not valid JSON. Please check it and try again.';
      }
    });
  };
}

/** True for the family page's paths (/f/<link>), whose one body is its form. */
function isFamilyPagePath(req: restify.Request): boolean {
  return /^\/f\/[^/]*$/.test(new URL(req.url ?? '/', 'http://localhost').pathname);
}

/** `application/x-www-form-urlencoded`, optionally with a UTF-8 charset. */
export function isFormContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  return type === 'application/x-www-form-urlencoded' && params.every((p) => p === '' || /^charset=("?)utf-?8\1$/.test(p));
}

/**
 * Reads the family page's form (application/x-www-form-urlencoded, and nothing else: 415)
 * into `req.body` as each field's values, at most `maxBytes` (413), on /f/ paths only: a
 * plain HTML form works with JavaScript turned off. Other paths are left to jsonBodies.
 */
export function formBodies(maxBytes: number): restify.RequestHandler {
  return (req, res, next) => {
    if (!isFamilyPagePath(req) || !hasBody(req)) return next();
    if (!isFormContentType(req.headers['content-type'])) return refuse(req, res, next, 415, 'This address only accepts the family page\'s form.');
    readBody(req, res, next, maxBytes, 'form', (text) => {
      const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
      for (const [name, value] of new URLSearchParams(text)) (fields[name] ??= []).push(value);
      req.body = fields;
      return undefined;
    });
  };
}

/**
 * Reads a body in memory, counting bytes as they arrive (413 past `maxBytes`, compressed
 * bodies refused with 415), then hands its UTF-8 text to `parse`, which sets `req.body` and
 * returns undefined, or returns the message of a 400.
 */
function readBody(req: restify.Request, res: restify.Response, next: restify.Next, maxBytes: number, what: string, parse: (text: string) => string | undefined): void {
  // Compressed bodies are not unpacked (a small one could unpack to gigabytes): refused too.
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') return refuse(req, res, next, 415, `This address only accepts an uncompressed ${what}: please send the request without a Content-Encoding.`);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return refuse(req, res, next, 413);

  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  const finish = (status?: number, message?: string) => {
    done = true;
    req.removeListener('data', onData);
    req.removeListener('end', onEnd);
    if (status !== undefined) refuse(req, res, next, status, message);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) return finish(413);
    chunks.push(chunk);
  };
  const onEnd = () => {
    if (done) return;
    const text = decodeUtf8(Buffer.concat(chunks));
    if (text === undefined) return finish(400, `The request is not valid UTF-8 text. Please send ${what === 'JSON' ? 'JSON' : 'the form again'}.`);
    const problem = parse(text);
    if (problem !== undefined) return finish(400, problem);
    finish();
    return next();
  };
  req.on('data', onData);
  req.on('end', onEnd);
  // A client that goes away mid-body gets no answer: there is nobody left to read it.
  req.once('close', () => {
    if (!done) finish();
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
