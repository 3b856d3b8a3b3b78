import restify from 'restify';
import type { HealthReport } from '../app/health/health-report';
import { mapError } from './error-mapper';
import { clientErrorBody, formBodies, jsonBodies, loopbackHostOnly } from './request-guards';

export interface ServerDependencies {
  /** Checks what the server depends on (storage reachable, ...). */
  health: () => Promise<HealthReport>;
  log?: (line: string) => void;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /**
   * Answer only requests addressed to this computer by name (Host: localhost, 127.0.0.1 or
   * [::1]); 421 otherwise. For servers that trust whoever can connect (development sign-in,
   * a bot without an app id): a web page elsewhere cannot reach them through DNS rebinding.
   */
  loopbackHostsOnly?: boolean;
}

/** Headers on every answer: no type sniffing, and no address of ours leaks to other sites. */
const SAFE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

/**
 * The HTTP server: restify with JSON bodies only, and the family page's form on /f/ (see
 * request-guards.ts: size-limited, read in memory, never multipart, so nothing a stranger
 * sends is written to disk),
 * /healthz and one error handler that turns every failure into a JSON body a person can act
 * on. Other edges (the bot's /api/messages, the tab's /api routes) add their routes to it.
 */
export function createServer(deps: ServerDependencies): restify.Server {
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const server = restify.createServer({ name: 'rc-pulse', handleUncaughtExceptions: false });
  server.pre((_req, res, next) => {
    for (const [name, value] of Object.entries(SAFE_HEADERS)) res.setHeader(name, value);
    return next();
  });
  if (deps.loopbackHostsOnly) server.pre(loopbackHostOnly());
  server.pre(jsonBodies(deps.maxBodyBytes ?? 256 * 1024));
  // The family page's form: a few kilobytes even for a pulse asking about fifty groups.
  server.pre(formBodies(32 * 1024));

  server.get('/healthz', async (_req, res) => {
    const report = await deps.health().catch((err: unknown) => ({ ok: false, checks: { server: mapError(err).message } }));
    res.send(report.ok ? 200 : 503, { status: report.ok ? 'ok' : 'unavailable', checks: report.checks });
  });

  server.on('restifyError', (req, res, err, callback) => {
    // restify's own errors (404 route, 405 method) already carry a status.
    const status = typeof (err as { statusCode?: number }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status < 500) {
      err.toJSON = () => clientErrorBody(status);
      return callback();
    }
    const mapped = mapError(err);
    log(`error ${mapped.reference} ${req.method} ${req.url}: ${mapped.detail}`);
    err.toJSON = () => ({ code: mapped.code, message: mapped.message, reference: mapped.reference });
    return callback();
  });
  return server;
}
