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

/** Error codes Node's fetch (undici) reports before anything was sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

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

/** Posts JSON to the Bot Connector and reports exactly what came back. */
export class ConnectorClient {
  constructor(private readonly options: ConnectorClientOptions) {}

  /** POSTs `body` to `path` under the conversation's service URL. */
  async post(serviceUrl: string, path: string, body: unknown): Promise<ConnectorResponse> {
    let token: string | undefined;
    try {
      token = await this.options.token();
    } catch (error) {
      throw new ConnectorRequestError(`no token for the Bot Connector: ${(error as Error).message}`, 'no');
    }
    const url = new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(this.options.userAgent ? { 'user-agent': this.options.userAgent } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      const delivered = code && NOT_SENT.has(code) ? 'no' : 'maybe';
      throw new ConnectorRequestError(`${(error as Error).name}: ${code ?? (error as Error).message}`, delivered);
    }
    const text = await res.text().catch(() => '');
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      parsed = undefined;
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    return { status: res.status, body: parsed, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
}
