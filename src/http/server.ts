import restify from 'restify';
import type { HealthReport } from '../app/health/health-report';
import { mapError } from './error-mapper';

export interface ServerDependencies {
  /** Checks what the server depends on (storage reachable, ...). */
  health: () => Promise<HealthReport>;
  log?: (line: string) => void;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

/**
 * The HTTP server: restify with JSON bodies, a size limit, /healthz and one error handler
 * that turns every failure into a JSON body a person can act on. Other edges (the bot's
 * /api/messages, the tab's /api routes) add their routes to the server this returns.
 */
export function createServer(deps: ServerDependencies): restify.Server {
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const server = restify.createServer({ name: 'rc-pulse', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes ?? 256 * 1024, mapParams: false }));

  server.get('/healthz', async (_req, res) => {
    const report = await deps.health().catch((err: unknown) => ({ ok: false, checks: { server: mapError(err).message } }));
    res.send(report.ok ? 200 : 503, { status: report.ok ? 'ok' : 'unavailable', checks: report.checks });
  });

  server.on('restifyError', (req, res, err, callback) => {
    // restify's own errors (404 route, 413 body too large, bad JSON) already carry a status.
    const status = typeof (err as { statusCode?: number }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status < 500) {
      err.toJSON = () => ({ code: clientErrorCode(status), message: plainMessage(status) });
      return callback();
    }
    const mapped = mapError(err);
    log(`error ${mapped.reference} ${req.method} ${req.url}: ${mapped.detail}`);
    err.toJSON = () => ({ code: mapped.code, message: mapped.message, reference: mapped.reference });
    return callback();
  });
  return server;
}

function clientErrorCode(status: number): string {
  switch (status) {
    case 404: return 'not_found';
    case 405: return 'method_not_allowed';
    case 413: return 'too_large';
    case 415: return 'unsupported_media_type';
    default: return 'bad_request';
  }
}

function plainMessage(status: number): string {
  switch (status) {
    case 404: return 'There is nothing at this address.';
    case 405: return 'This address does not accept that kind of request.';
    case 413: return 'The request is too large.';
    case 415: return 'The request must be JSON.';
    default: return 'The request could not be understood. Please check it and try again.';
  }
}
