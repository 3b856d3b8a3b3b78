import type http from 'node:http';

/** The shapes the fake Bot Connector (fake-connector.ts) records and answers with, and its small helpers. */

/** An account as the connector returns it (a TeamsChannelAccount). */
export interface FakeAccount {
  id: string;
  name: string;
  aadObjectId?: string;
  userPrincipalName?: string;
  email?: string;
  tenantId?: string;
  givenName?: string;
  surname?: string;
  userRole?: string;
}

/** One call the bot made, with what it sent. */
export interface RecordedCall {
  kind: 'send' | 'reply' | 'update' | 'create' | 'members' | 'member' | 'channels' | 'team';
  method: string;
  /** Path and query as requested, e.g. /v3/conversations/19%3A.../pagedmembers?pageSize=50. */
  url: string;
  conversationId: string;
  /** The activity id in the path (replies and updates). */
  activityId?: string;
  /** The id the connector gave a new activity or conversation. */
  resultId?: string;
  status: number;
  body: Record<string, unknown> | undefined;
  headers: http.IncomingHttpHeaders;
  /** When it arrived (epoch ms). */
  at: number;
  /** The tenant it counted against, when limits are enforced. */
  tenantId?: string;
}

/** What a conversation answers instead of success, e.g. `{ status: 429, retryAfterSeconds: 1 }`. */
export interface InjectedResponse {
  status: number;
  /** Error code in the body, e.g. 'MessageWritesBlocked' or 'ConversationNotFound'. */
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
}

/** The Bot Framework's error body: `{ error: { code, message } }`. */
export function errorBody(injected: InjectedResponse): Record<string, unknown> {
  return { error: { code: injected.code ?? `Http${injected.status}`, message: injected.message ?? 'Injected by the test' } };
}

/** Splits a path into decoded segments; conversation ids carry ':' '@' ';' and arrive encoded. */
export function segments(pathname: string): string[] {
  return pathname.split('/').filter((s) => s.length > 0).map((s) => decodeURIComponent(s));
}

export async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

/** The tenant a request body names (an activity's conversation or channel data, or a new chat's). */
export function tenantIn(body: Record<string, unknown> | undefined): string {
  const b = body as { conversation?: { tenantId?: string }; channelData?: { tenant?: { id?: string } }; tenantId?: string } | undefined;
  return (b?.conversation?.tenantId ?? b?.channelData?.tenant?.id ?? b?.tenantId ?? 'unknown').toLowerCase();
}

