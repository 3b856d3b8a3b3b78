import type { AdaptiveCard } from '../cards/card-types';
import type { Collaborative } from '../domain/model/collaborative';
import type { Member } from '../domain/model/member';
import type { Organisation } from '../domain/model/organisation';
import type { Workgroup } from '../domain/model/workgroup';

/**
 * What the use-cases need from the world outside them, as small interfaces. The bot passes
 * the real things (storage repositories, the Bot Framework sender, the clock); tests pass
 * the same repositories on Azurite and a recording sender. Nothing here imports botbuilder.
 */

/** The time now. Passed in so tests can fix it and a pulse's dates are predictable. */
export type Clock = () => Date;

/** The person who pressed a button or typed a command, as Teams identifies them. */
export interface Actor {
  /** Entra object id: what facilitator lists and respondent keys are made from. */
  aadObjectId: string;
  tenantId?: string;
  displayName?: string;
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

/**
 * Where a use-case reports a failure it recovered from (a card that could not be sent, a
 * release that will be retried), so nothing is swallowed silently. Never given identity
 * next to answers.
 */
export interface Logger {
  warn(message: string, fields?: Record<string, unknown>): void;
}
