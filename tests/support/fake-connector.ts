import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody, readJson, segments, tenantIn, type FakeAccount, type InjectedResponse, type RecordedCall } from './fake-connector-types';
import { seededRandom, TeamsLimits, type TeamsLimitOptions } from './teams-limits';

export type { FakeAccount, InjectedResponse, RecordedCall } from './fake-connector-types';

/**
 * A recording fake of the Bot Connector service (the serviceUrl Teams gives a bot), on
 * loopback, for tests that run the real bot over HTTP. It answers the calls botbuilder makes
 * (send, reply, update, create a 1:1 chat, paged members, one member, team channels), records
 * every one, and lets a test make a conversation answer with 429, 5xx, 403 or 404 instead.
 * With enforceTeamsLimits() it also answers 429 (with Retry-After) beyond Teams' rate limits,
 * and injectRandomFaults() makes a share of requests fail with 5xx, as the delivery engine's
 * tests and benchmark need.
 */

/** The fake connector: start(), point activities' serviceUrl at `url`, inspect `calls`. */
export class FakeConnector {
  /** Every call, in order. */
  readonly calls: RecordedCall[] = [];
  /** Members of each conversation (a team's id lists its members), for paging. */
  private readonly rosters = new Map<string, FakeAccount[]>();
  private readonly channels = new Map<string, { id: string; name?: string }[]>();
  /** Injected answers per conversation: each is used once, in order ('*' matches any). */
  private readonly injected = new Map<string, InjectedResponse[]>();
  private readonly persistent = new Map<string, InjectedResponse>();
  private server: http.Server | undefined;
  /** Teams' rate limits, when enforced. */
  limits: TeamsLimits | undefined;
  private faults: { rate: number; statuses: readonly number[]; random: () => number } | undefined;
  /** The tenant of each 1:1 chat opened, for sends that do not name it. */
  private readonly chatTenants = new Map<string, string>();
  /**
   * Called when a card has been accepted (recorded, 201) and before the answer is written: a
   * test can stop the sender here, between Teams posting the card and the sender hearing so.
   */
  onDelivered: ((call: RecordedCall) => Promise<void> | void) | undefined;
  /** Base URL, e.g. http://127.0.0.1:50123/ (trailing slash, as Teams gives serviceUrl). */
  url = '';

  /** Starts listening on a free loopback port. */
  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'FakeConnectorError', message: String(error) } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Sets the members a conversation (or team) lists, in the order pages return them. */
  setMembers(conversationId: string, members: readonly FakeAccount[]): void {
    this.rosters.set(conversationId, [...members]);
  }

  /** Sets the channels GET /v3/teams/{id}/conversations lists. */
  setChannels(teamId: string, channels: readonly { id: string; name?: string }[]): void {
    this.channels.set(teamId, [...channels]);
  }

  /** The next `times` calls about a conversation ('*' for any) get this answer. */
  failNext(conversationId: string, response: InjectedResponse, times = 1): void {
    const queue = this.injected.get(conversationId) ?? [];
    for (let i = 0; i < times; i++) queue.push(response);
    this.injected.set(conversationId, queue);
  }

  /** From now on, answers 429 with Retry-After beyond Teams' limits (50/s per tenant, per-conversation limits). */
  enforceTeamsLimits(options: TeamsLimitOptions = {}): TeamsLimits {
    this.limits = new TeamsLimits(options);
    return this.limits;
  }

  /** From now on, a share of sends and chat creations fail with one of `statuses` (seeded, so repeatable). */
  injectRandomFaults(rate: number, statuses: readonly number[] = [502, 503, 504], seed = 1): void {
    this.faults = { rate, statuses, random: seededRandom(seed) };
  }

  /** Every call about a conversation gets this answer until cleared with `recover`. */
  failAlways(conversationId: string, response: InjectedResponse): void {
    this.persistent.set(conversationId, response);
  }

  recover(conversationId: string): void {
    this.persistent.delete(conversationId);
    this.injected.delete(conversationId);
  }

  /** Activities posted (sent or replied) to a conversation, in order. */
  activitiesIn(conversationId: string): Record<string, unknown>[] {
    return this.calls
      .filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === conversationId && c.status < 300)
      .map((c) => c.body ?? {});
  }

  /** Every activity successfully posted or updated anywhere. */
  get activities(): RecordedCall[] {
    return this.calls.filter((c) => (c.kind === 'send' || c.kind === 'reply' || c.kind === 'update') && c.status < 300);
  }

  /** Forgets what was recorded (the rosters and injected answers stay). */
  clear(): void {
    this.calls.length = 0;
  }

  private takeInjected(conversationId: string): InjectedResponse | undefined {
    for (const key of [conversationId, '*']) {
      const persistent = this.persistent.get(key);
      if (persistent) return persistent;
      const queue = this.injected.get(key);
      if (queue && queue.length > 0) return queue.shift();
    }
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Stamped as it arrives, as Teams counts it, not once its body has been read.
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = segments(url.pathname);
    const body = req.method === 'GET' ? undefined : await readJson(req);
    const send = (call: Omit<RecordedCall, 'method' | 'headers' | 'body' | 'url' | 'at'>, payload: unknown, injected?: InjectedResponse) => {
      this.calls.push({ ...call, method: req.method ?? '', url: req.url ?? '', body, headers: req.headers, at });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (injected?.retryAfterSeconds !== undefined) headers['retry-after'] = String(injected.retryAfterSeconds);
      res.writeHead(call.status, headers);
      res.end(JSON.stringify(payload));
    };

    // v3/teams/{teamId}/conversations and v3/teams/{teamId}
    if (parts[0] === 'v3' && parts[1] === 'teams' && parts[2]) {
      const teamId = parts[2];
      if (parts[3] === 'conversations') return send({ kind: 'channels', conversationId: teamId, status: 200 }, { conversations: this.channels.get(teamId) ?? [{ id: teamId, name: null }] });
      return send({ kind: 'team', conversationId: teamId, status: 200 }, { id: teamId, name: 'Team', aadGroupId: randomUUID() });
    }
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') {
      return send({ kind: 'send', conversationId: '', status: 404 }, { error: { code: 'NotFound', message: 'no such route' } });
    }

    // POST v3/conversations: create a conversation (a 1:1 chat with one member).
    if (parts.length === 2 && req.method === 'POST') {
      const members = (body?.members as { id: string }[] | undefined) ?? [];
      const key = members[0]?.id ?? 'nobody';
      const tenantId = tenantIn(body);
      const gated = this.gate(tenantId, undefined, at);
      if (gated) return send({ kind: 'create', conversationId: key, status: gated.status, tenantId }, errorBody(gated), gated);
      const injected = this.takeInjected(key);
      if (injected) return send({ kind: 'create', conversationId: key, status: injected.status }, errorBody(injected), injected);
      // Teams answers with the same 1:1 chat every time for the same person.
      const id = `a:1:1-${key}`;
      this.chatTenants.set(id, tenantId);
      return send({ kind: 'create', conversationId: key, resultId: id, status: 201 }, { id, activityId: body?.activity ? `1:${randomUUID()}` : undefined });
    }

    const conversationId = parts[2]!;
    const rest = parts.slice(3);
    const injected = this.takeInjected(conversationId);

    if (req.method === 'GET' && rest[0] === 'pagedmembers') return this.pagedMembers(conversationId, url, send, injected);
    if (req.method === 'GET' && rest[0] === 'members') {
      if (injected) return send({ kind: 'member', conversationId, status: injected.status }, errorBody(injected), injected);
      const roster = this.rosters.get(conversationId) ?? [];
      if (!rest[1]) return send({ kind: 'members', conversationId, status: 200 }, roster);
      const member = this.findMember(conversationId, rest[1]);
      if (!member) return send({ kind: 'member', conversationId, status: 404 }, { error: { code: 'ConversationNotFound', message: 'Member not found' } });
      return send({ kind: 'member', conversationId, status: 200 }, member);
    }

    if (rest[0] === 'activities') {
      const activityId = rest[1];
      const kind = req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
      const tenantId = tenantIn(body) ?? this.chatTenants.get(conversationId) ?? 'unknown';
      const gated = injected ? undefined : this.gate(tenantId, conversationId, at);
      const failed = injected ?? gated;
      if (failed) return send({ kind, conversationId, ...(activityId ? { activityId } : {}), status: failed.status, tenantId }, errorBody(failed), failed);
      const resultId = kind === 'update' ? activityId! : `1:${randomUUID()}`;
      const call = { kind, conversationId, ...(activityId ? { activityId } : {}), resultId, status: kind === 'update' ? 200 : 201, tenantId } as const;
      if (kind !== 'update' && this.onDelivered) await this.onDelivered({ ...call, method: req.method ?? '', url: req.url ?? '', body, headers: req.headers, at });
      return send(call, { id: resultId });
    }
    return send({ kind: 'send', conversationId, status: 404 }, { error: { code: 'NotFound', message: 'no such route' } });
  }

  /** Teams' limits and the random faults, for one request that counts against them. */
  private gate(tenantId: string, conversationId: string | undefined, at: number): InjectedResponse | undefined {
    if (this.limits) {
      const retryAfterSeconds = this.limits.admit(tenantId, conversationId, at);
      if (retryAfterSeconds !== undefined) return { status: 429, code: 'Throttled', message: 'Too many requests', retryAfterSeconds };
    }
    if (this.faults && this.faults.random() < this.faults.rate) {
      const status = this.faults.statuses[Math.floor(this.faults.random() * this.faults.statuses.length)]!;
      return { status, code: `Http${status}`, message: 'Injected at random' };
    }
    return undefined;
  }

  private findMember(conversationId: string, memberId: string): FakeAccount | undefined {
    const own = this.rosters.get(conversationId)?.find((m) => m.id === memberId || m.aadObjectId === memberId);
    if (own) return own;
    // A 1:1 chat's member is found in any roster (the person's account is the same everywhere).
    for (const roster of this.rosters.values()) {
      const found = roster.find((m) => m.id === memberId || m.aadObjectId === memberId);
      if (found) return found;
    }
    return undefined;
  }

  private pagedMembers(
    conversationId: string,
    url: URL,
    send: (call: Omit<RecordedCall, 'method' | 'headers' | 'body' | 'url' | 'at'>, payload: unknown, injected?: InjectedResponse) => void,
    injected: InjectedResponse | undefined,
  ): void {
    if (injected) return send({ kind: 'members', conversationId, status: injected.status }, errorBody(injected), injected);
    const roster = this.rosters.get(conversationId);
    if (!roster) return send({ kind: 'members', conversationId, status: 404 }, { error: { code: 'ConversationNotFound', message: 'Conversation not found' } });
    const pageSize = Math.min(Math.max(Number(url.searchParams.get('pageSize') ?? 200), 1), 500);
    const start = Number(url.searchParams.get('continuationToken') ?? 0);
    const members = roster.slice(start, start + pageSize);
    const next = start + pageSize < roster.length ? String(start + pageSize) : undefined;
    send({ kind: 'members', conversationId, status: 200 }, { members, ...(next ? { continuationToken: next } : {}) });
  }
}

/** Starts a fake connector; stop it in afterAll. */
export function startFakeConnector(): Promise<FakeConnector> {
  return new FakeConnector().start();
}
