import type { Storage } from '../../storage/storage';
import type { Actor, Clock, Logger } from '../ports';

/**
 * What the install use-cases need from outside: storage, the clock, a log, and (for a team)
 * a way to page through its members. The bot edge implements the roster with
 * TeamsInfo.getPagedTeamMembers; a test can yield pages from an array. Nothing here imports botbuilder.
 */

/**
 * A Bot Framework conversation reference, saved to reach people later. Opaque JSON to the
 * product: only the bot reads it, apart from the one fact conversation-reference.ts reads.
 */
export type ConversationReferenceJson = Record<string, unknown>;

/** A person as Teams lists them in a team (or describes them in a 1:1 chat). */
export interface TeamsPerson {
  /** The Teams user id, "29:...". */
  teamsUserId: string;
  /** Entra object id; absent for bots and some external accounts, which are skipped. */
  aadObjectId?: string;
  name?: string;
  /** User principal name (guests' contain '#EXT#'). */
  upn?: string;
  email?: string;
  tenantId?: string;
}

/** Pages through a team's members (Teams allows 50 to 500 a page). */
export interface TeamRoster {
  pages(): AsyncIterable<readonly TeamsPerson[]>;
}

/** The person who installed or acted, as the activity names them: an Actor whose fields Teams may leave out. */
export type Installer = Partial<Actor>;

/** A team the app was added to (or something happened in), read from the activity. */
export interface TeamContext {
  teamId: string;
  teamName?: string;
  /** The channel the app was added in: the General channel, whose id is the team's. */
  channelId: string;
  /** The team's tenant. */
  tenantId?: string;
  /** The team's conversation reference, without any one user: every member is reached from it. */
  reference: ConversationReferenceJson;
}

/** The dependencies of every install use-case. */
export interface InstallDeps {
  collaboratives: Pick<Storage['collaboratives'], 'find' | 'findByTeamsTeam' | 'list' | 'create' | 'update'>;
  members: Pick<Storage['members'], 'listVersioned' | 'saveChanges' | 'findByIdentity' | 'findByAadObjectId' | 'update'>;
  organisations: Pick<Storage['organisations'], 'list'>;
  audit: Pick<Storage['audit'], 'record'>;
  clock: Clock;
  log: Logger;
}

/** How many times a read-decide-write is tried again after losing a race with another writer. */
export const WRITE_ATTEMPTS = 4;
