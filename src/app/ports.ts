import { z } from 'zod';
import type { AdaptiveCard } from '../cards/card-types';
import type { Collaborative } from '../domain/model/collaborative';
import type { Job, JobKind, JobResult } from '../domain/model/job';
import type { Member } from '../domain/model/member';
import type { Organisation } from '../domain/model/organisation';
import type { PulseScope } from '../domain/model/pulse';
import type { Workgroup } from '../domain/model/workgroup';

/**
 * The one vocabulary of the use-cases: who acts (Actor, and its audit form), the clock, the
 * log, a pulse's scope, and what they need from the world outside them, as small interfaces.
 * The bot passes the real things (storage repositories, the Bot Framework sender, the clock);
 * tests pass the same repositories on Azurite and a recording sender. Nothing here imports
 * botbuilder. Every audit row is written by one helper beside this file (audit.ts).
 *
 * How a use-case takes its dependencies (one convention; follow it in new code):
 *   useCase(deps, actor?, input)
 * - `deps` first: the repositories it needs, each as narrow as it uses them (`Pick<Storage,
 *   ...>` or a method pick such as `Pick<Storage['pulses'], 'get'>`), and `clock`, `log`,
 *   `sender` as it needs them. Never the whole Storage, so a test can see what it touches.
 * - then `actor` (an Actor, the person in Teams) when someone acts: the edge knows who it is;
 * - then its input, checked with zod inside the use-case.
 * The use-cases the command line and the tab call (set-up, export, interventions) take their
 * repositories under `deps.storage` and who acts as `deps.actor` (an AuditActor).
 */

/** The time now. Passed in so tests can fix it and a pulse's dates are predictable. */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();

/**
 * Where a use-case reports a failure it recovered from (a card that could not be sent, a
 * release that will be retried), so nothing is swallowed silently. Never given identity
 * next to answers. Each edge builds its one Logger over its own line sink (the bot's is
 * loggerOf in bot/bot-deps.ts).
 */
export interface Logger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** A pulse's address in the pulse-scoped tables (defined in the domain, so storage shares it). */
export type { PulseScope };

/** The person who pressed a button or typed a command, as Teams identifies them. */
export const actorSchema = z.object({
  /** Entra object id: what facilitator lists and respondent keys are made from. */
  aadObjectId: z.string().trim().min(1).max(100),
  tenantId: z.string().optional(),
  displayName: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/**
 * Who made a change, as the audit trail records it: an Actor's Entra object id, or 'cli' /
 * 'system' for work nobody clicked, with a name when known. From an Actor: auditActorOf.
 */
export const auditActorSchema = z.object({
  id: actorSchema.shape.aadObjectId.min(1, 'an actor id is needed'),
  name: z.string().trim().min(1).max(200).optional(),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

/** Work nobody clicked (a timed job, an event from Teams that names no person). */
export const SYSTEM_ACTOR: AuditActor = { id: 'system' };

/**
 * The audit form of a person in Teams: their object id and, when Teams gave one, their name
 * (trimmed, cut to what the trail keeps). No person, or one without an object id: 'system'.
 */
export function auditActorOf(actor: Partial<Pick<Actor, 'aadObjectId' | 'displayName'>> | undefined): AuditActor {
  if (!actor?.aadObjectId) return SYSTEM_ACTOR;
  const name = actor.displayName?.trim().slice(0, 200);
  return { id: actor.aadObjectId, ...(name ? { name } : {}) };
}

/** How sending one card went: the delivery statuses a send can end in. */
export type SendStatus = 'sent' | 'blocked' | 'not_found' | 'failed';

export interface SendOutcome {
  status: SendStatus;
  /** HTTP status of the attempt, when there was an answer. */
  statusCode?: number;
  /** Id of the activity sent, so the card can be replaced in place later. */
  activityId?: string;
  /** How long Teams asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number;
  /**
   * No answer came after the card had left (a timeout, a connection lost half-way): it may
   * have been delivered. Absent or false: it certainly was not (refused, or never sent).
   */
  uncertain?: boolean;
}

/**
 * Counts what the sending path does, for the people who run RC Pulse: src/telemetry records
 * them as OpenTelemetry metrics when telemetry is on, and NO_METRICS does nothing otherwise.
 * Only kinds, statuses and durations: never an id, a name or an answer.
 */
export interface DeliveryMetrics {
  /** A card's final outcome was recorded. */
  cardSent(kind: string, status: SendStatus): void;
  /** Teams answered 429 (too many requests) to a card's request. */
  throttled(kind: string): void;
  /** A timed job ran: 'done', due 'again' later, or 'failed' (it will be tried again). */
  jobRan(kind: string, result: 'done' | 'again' | 'failed', durationMs: number): void;
}

/** Metrics that go nowhere: telemetry is off, or a test does not look. */
export const NO_METRICS: DeliveryMetrics = { cardSent: () => undefined, throttled: () => undefined, jobRan: () => undefined };

/** One HTTP request a sender is about to make to Teams, for whoever paces them. */
export interface OutgoingRequest {
  /** The conversation it posts to; undefined when it creates a 1:1 chat. */
  conversationId?: string;
  /** The tenant of the conversation, when the reference says. */
  tenantId?: string;
  /** True for the request that carries the card: the one that must never be made twice. */
  carriesCard: boolean;
}

/** What the delivery engine adds to a send: it waits for the rate limit, and claims the delivery. */
export interface SendHooks {
  /** Awaited before each request; if it throws, nothing more is sent and the error propagates. */
  beforeRequest?(request: OutgoingRequest): Promise<void>;
}

/** What a sender needs to reach a person: a member row satisfies it. */
export type Recipient = Pick<Member, 'aadObjectId' | 'teamsUserId' | 'conversationReference'>;

/**
 * Proactive sending, done by the bot edge with the saved conversation references. A sender
 * reports failures as outcomes rather than throwing: one person who blocked the app must
 * not stop the cards for everyone else. It makes ONE attempt (no hidden retries), so the
 * delivery engine alone decides when and how often to try again.
 */
export interface CardSender {
  /** Sends a card to one person in their 1:1 chat with RC Pulse. */
  sendToMember(member: Recipient, card: AdaptiveCard, hooks?: SendHooks): Promise<SendOutcome>;
  /** Posts a card in the collaborative's channel ('not_found' when it has none yet). */
  sendToChannel(collaborative: Collaborative, card: AdaptiveCard, hooks?: SendHooks): Promise<SendOutcome>;
}

/** A card already posted, to be replaced in place: where (a saved reference names the service) and which activity. */
export interface PostedCard {
  /** A conversation reference saved at install (the channel's, or the person's): only its service URL is used. */
  reference: unknown;
  conversationId: string;
  activityId: string;
}

/**
 * Replaces a posted card in place (the Bot Framework's update activity), so a card that shows
 * progress stays one message rather than a new one per change. One attempt; failures are
 * outcomes, never thrown.
 */
export interface CardUpdater {
  updateCard(posted: PostedCard, card: AdaptiveCard): Promise<SendOutcome>;
}

/**
 * The members a use-case may look up. Narrow on purpose: the member repository satisfies
 * it (a row read back carries its ETag beside `value`), and so can an in-memory twin.
 */
export interface MemberDirectory {
  findByAadObjectId(collaborativeId: string, aadObjectId: string): Promise<{ value: Member } | undefined>;
  list(collaborativeId: string): Promise<Member[]>;
}

/** A collaborative's workgroups, retired ones included (past results still name them). */
export interface WorkgroupDirectory {
  list(collaborativeId: string): Promise<Workgroup[]>;
}

/** A collaborative's organisations (partner Trusts). */
export interface OrganisationDirectory {
  find(collaborativeId: string, id: string): Promise<{ value: Organisation } | undefined>;
}

/*
 * Sending cards through the delivery engine (src/delivery implements these). Delivery knows
 * no survey: a use-case decides which kind of card each person gets and with what input; the
 * kinds it sends, and the timed work it schedules, are registered in the engine's registries
 * from the use-cases' side (see src/app/pulse/survey-card-kinds.ts and jobs/).
 */

/** The card JSON a sender sends, as the delivery engine sees it (it never builds one). */
export type { AdaptiveCard };

/** Which card a use-case sends each person: a kind from the card-kind registry, and that kind's input. */
export interface CardChoice {
  kind: string;
  /** The kind's input for one person: plain JSON, carried by the queue message and checked by the kind's schema. */
  inputFor(member: Member): Record<string, unknown>;
}

/** One round of one pulse's cards: who, which card, and the round their rows are in (domain/model/delivery.ts). */
export interface CardRound {
  scope: PulseScope;
  round: string;
  /** Installed members with an Entra object id and a conversation reference. */
  recipients: readonly Member[];
  card: CardChoice;
}

/** The queue fan-out (src/delivery/card-fan-out.ts): a delivery row per person, then one queue message each. */
export interface CardFanOut {
  /**
   * Writes the round's rows and queues a message for each row it added (a re-run queues again
   * the rows still pending). With `answerEarly`, resolves once the first cards are queued and
   * queues the rest in the background; a failure then is logged, saying that `mender` (the
   * caller's timed job) queues what is missing. How many messages were queued (so far).
   */
  queueRound(round: CardRound, options?: { answerEarly?: { mender: string } }): Promise<number>;
  /** Queues again the messages of rows that exist already (their messages were lost). */
  requeue(round: CardRound): Promise<void>;
  /** About how long sending to `recipients` takes at Teams' rate, in seconds (the busiest tenant's share). */
  secondsToSend(recipients: readonly Member[] | number): number;
  /** About how many messages wait in the queue, hidden ones included. */
  queueDepth(): Promise<number>;
}

/** One card about to be sent, as its kind's `prepare` sees it: the queue message, its input checked. */
export interface CardRequest<I> {
  scope: PulseScope;
  round: string;
  /** Who it goes to. */
  recipient: Recipient & { aadObjectId: string };
  input: I;
}

/**
 * What a card kind decides as one of its cards is about to go: send this card; not yet (wait
 * `delayMs`, the row untouched); never, the row ending with `status`; no longer due (the row is
 * removed, as if never queued); or nothing to do at all (the message is dropped, the row left).
 * A `reason` is logged.
 */
export type CardPreparation =
  | { kind: 'send'; card: AdaptiveCard }
  | { kind: 'later'; delayMs: number }
  | { kind: 'end'; status: Exclude<SendStatus, 'sent'>; reason: string }
  | { kind: 'withdraw' }
  | { kind: 'drop'; reason: string };

/** One kind of card: the input its messages carry (checked when received) and how to prepare it. */
export interface CardKindHandler<I> {
  input: z.ZodType<I>;
  prepare(request: CardRequest<I>): Promise<CardPreparation>;
}

/** Where the use-cases register the kinds of card they send (one entry per kind). */
export interface CardKinds {
  register<I>(kind: string, handler: CardKindHandler<I>): void;
}

/** Runs one claimed job (its lease held); safe to run twice. */
export type JobHandler = (job: Job) => Promise<JobResult>;

/** Where the use-cases register their timed work by job kind, and upkeep done now and then. */
export interface JobKinds {
  register(kind: JobKind, handler: JobHandler): void;
  /** Runs every ten minutes or so in whichever instance looks (e.g. every open pulse has its jobs). */
  addUpkeep(upkeep: () => Promise<void>): void;
}
