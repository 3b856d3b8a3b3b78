import http from 'node:http';
import https from 'node:https';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { BotConfig } from './bot-config';

/**
 * A thin HTTP client for the proactive calls to the Bot Connector (post an activity, create
 * a 1:1 chat), used instead of botbuilder's ConnectorClient on purpose: that client retries
 * 429 (honouring Retry-After) and 5xx by itself, inside one call, so the delivery engine
 * could neither see a 429 (to slow the whole tenant) nor keep its attempt count and its
 * rate limit true. Here every call is ONE request, and the caller sees exactly what Teams
 * answered. Replies within a turn still go through botbuilder.
 */

/** What the connector answered. */
export interface ConnectorResponse {
  status: number;
  body: Record<string, unknown> | undefined;
  /** Retry-After, when given (seconds or an HTTP date). */
  retryAfterMs?: number;
}

/**
 * No answer came. `delivered` says whether the request can have reached Teams: 'no' when it
 * never left (connection refused, no token), 'maybe' when it was lost on the way (timeout,
 * connection reset after sending).
 */
export class ConnectorRequestError extends Error {
  constructor(
    message: string,
    readonly delivered: 'no' | 'maybe',
  ) {
    super(message);
    this.name = 'ConnectorRequestError';
  }
}

/** Error codes that mean the request never left: no connection was made. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNECTTIMEOUT']);

/** Bot Framework's public-cloud token constants (botframework-connector's AuthenticationConstants). */
const LOGIN_URL_PREFIX = 'https://login.microsoftonline.com/';
const DEFAULT_TENANT = 'botframework.com';
const CONNECTOR_SCOPE = 'https://api.botframework.com';

/** A bearer token for the Bot Connector, or undefined when running without an app id (locally). */
export type TokenSource = () => Promise<string | undefined>;

/**
 * Tokens from the bot's app registration, as the adapter gets them (client secret or managed
 * identity, single or multi tenant). The credentials object caches tokens until they expire.
 */
export function botTokenSource(config: Pick<BotConfig, 'appId' | 'appPassword' | 'appType' | 'appTenantId'>): TokenSource {
  if (!config.appId) return async () => undefined;
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    ...(config.appTenantId ? { MicrosoftAppTenantId: config.appTenantId } : {}),
  });
  const loginUrl = LOGIN_URL_PREFIX + (config.appTenantId ?? DEFAULT_TENANT);
  let credentials: Promise<{ getToken(forceRefresh?: boolean): Promise<string> }> | undefined;
  return async () => {
    credentials ??= factory.createCredentials(config.appId, CONNECTOR_SCOPE, loginUrl, true) as never;
    return (await credentials).getToken();
  };
}

/** Parses Retry-After: delay-seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** How the connector client gets tokens and how long it waits. */
export interface ConnectorClientOptions {
  token: TokenSource;
  /** Longest wait for an answer; the Bot Connector normally answers in well under a second. */
  timeoutMs?: number;
  /** Sent as User-Agent, e.g. with the instance's id, so its requests can be told apart. */
  userAgent?: string;
}

/**
 * Posts JSON to the Bot Connector and reports exactly what came back. Node's http client with
 * kept-alive connections rather than fetch: a fan-out makes up to 50 of these a second per
 * tenant, and fetch costs several times the processor time per request, time the rate
 * limit's timing needs.
 */
export class ConnectorClient {
  // Idle connections are closed after 4 s, before a server's usual 5 s keep-alive ends, so a
  // request is not written into a connection the server is closing.
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 }),
  };

  constructor(private readonly options: ConnectorClientOptions) {}

  /** POSTs `body` to `path` under the conversation's service URL. */
  post(serviceUrl: string, path: string, body: unknown): Promise<ConnectorResponse> {
    return this.send('POST', serviceUrl, path, body);
  }

  /** PUTs `body` to `path` (an activity replaced in place). */
  put(serviceUrl: string, path: string, body: unknown): Promise<ConnectorResponse> {
    return this.send('PUT', serviceUrl, path, body);
  }

  private async send(method: 'POST' | 'PUT', serviceUrl: string, path: string, body: unknown): Promise<ConnectorResponse> {
    let token: string | undefined;
    try {
      token = await this.options.token();
    } catch (error) {
      throw new ConnectorRequestError(`no token for the Bot Connector: ${(error as Error).message}`, 'no');
    }
    const url = new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConnectorRequestError(`not a web address: ${url.protocol}`, 'no');
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': payload.length,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(this.options.userAgent ? { 'user-agent': this.options.userAgent } : {}),
    };
    const { status, text, retryAfter } = await this.request(method, url, headers, payload);
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      parsed = undefined;
    }
    const retryAfterMs = parseRetryAfter(retryAfter ?? null);
    return { status, body: parsed, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }

  /** One request; a ConnectorRequestError when no whole answer came, saying whether it can have arrived. */
  private request(method: 'POST' | 'PUT', url: URL, headers: http.OutgoingHttpHeaders, payload: Buffer): Promise<{ status: number; text: string; retryAfter?: string }> {
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const fail = (error: Error & { code?: string }) => {
        const delivered = error.code && NOT_SENT.has(error.code) ? 'no' : 'maybe';
        reject(new ConnectorRequestError(`${error.name}: ${error.code ?? error.message}`, delivered));
      };
      const req = send(url, { method, headers, agent: this.agents[url.protocol as 'http:' | 'https:'] }, (res) => {
        const chunks: Buffer[] = [];
        let ended = false;
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          ended = true;
          clearTimeout(timer);
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ...(retryAfter ? { retryAfter } : {}) });
        });
        res.on('error', fail);
        res.on('close', () => {
          if (!ended) fail(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }));
        });
      });
      // No whole answer in time. Still connecting: it never left. Else it may have arrived, and the
      // caller must not send it again blindly.
      const timer = setTimeout(() => {
        const neverConnected = !req.socket || req.socket.connecting;
        req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError', code: neverConnected ? 'ECONNECTTIMEOUT' : 'ETIMEDOUT' }));
      }, timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
      req.end(payload);
    });
  }
}
