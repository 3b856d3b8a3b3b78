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
}

/**
 * Proactive sending, done by the bot edge with the saved conversation references. A sender
 * reports failures as outcomes rather than throwing: one person who blocked the app must
 * not stop the cards for everyone else.
 */
export interface CardSender {
  /** Sends a card to one person in their 1:1 chat with RC Pulse. */
  sendToMember(member: Member, card: AdaptiveCard): Promise<SendOutcome>;
  /** Posts a card in the collaborative's channel ('not_found' when it has none yet). */
  sendToChannel(collaborative: Collaborative, card: AdaptiveCard): Promise<SendOutcome>;
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
