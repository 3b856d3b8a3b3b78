import {
  canMoveIntervention,
  INTERVENTION_STATUS_WORDS,
  interventionStatusSchema,
  type Intervention,
  type InterventionStatus,
  type InterventionUpdate,
} from '../../domain/model/intervention';
import { tieLabel, type TieLabel } from '../../domain/sense-making-view';
import type { Versioned } from '../../storage/entity-table';
import { workgroupNames } from '../pulse/pulse-lookup';
import { mayEdit, owns, type Directory, type InterventionAccess } from './intervention-access';

/**
 * Interventions as the tab and the bot show them: the stored fields, ties and owners by
 * name, what the person asking may do, and the version (ETag) an edit must be made from.
 * Plain values; each edge turns them into JSON or a card.
 */

/**
 * An owner by name: as the collaborative's list has it, else as they signed their own updates
 * (people on a roster are matched to their Entra id only once they use Teams), else a plain
 * label with their id kept.
 */
export interface InterventionOwner {
  id: string;
  name: string;
}

/** One intervention in a list: everything but the log, which getIntervention gives. */
export type InterventionSummary = Omit<Intervention, 'updates' | 'ties'> & {
  /** The version to send back with an edit; an edit from an older one is refused. */
  etag: string;
  /** The targeted ties with the workgroups' names of today. */
  ties: TieLabel[];
  owners: InterventionOwner[];
  statusWords: string;
  /** The statuses it may move to next (the domain's legal moves). */
  nextStatuses: InterventionStatus[];
  updateCount: number;
  lastUpdate?: InterventionUpdate;
  /** The person asking owns it. */
  mine: boolean;
  /** The person asking may change it (a facilitator or an owner); anyone may add an update. */
  canEdit: boolean;
};

/** One intervention with its whole log, oldest entry first. */
export type InterventionDetail = InterventionSummary & { updates: InterventionUpdate[] };

const NOT_LISTED = 'Someone not on the list';

/** Workgroup names by id, retired groups included (old interventions still name them). */
export function workgroupNameRecord(directory: Pick<Directory, 'workgroups'>): Record<string, string> {
  return Object.fromEntries(workgroupNames(directory.workgroups));
}

/** The summary of a stored intervention for the person asking. */
export function summaryOf(stored: Versioned<Intervention>, access: InterventionAccess, directory: Directory): InterventionSummary {
  const { updates, ties, ...fields } = stored.value;
  const names = workgroupNameRecord(directory);
  const people = new Map([
    ...updates.map((u) => [u.authorId, u.authorName] as const),
    ...directory.members.flatMap((m) => (m.aadObjectId ? [[m.aadObjectId, m.displayName] as const] : [])),
  ]);
  const last = updates[updates.length - 1];
  return {
    ...fields,
    etag: stored.etag,
    ties: ties.map((t) => tieLabel(t.from, t.to, names)),
    owners: fields.ownerIds.map((id) => ({ id, name: people.get(id) ?? NOT_LISTED })),
    statusWords: INTERVENTION_STATUS_WORDS[fields.status],
    nextStatuses: interventionStatusSchema.options.filter((s) => canMoveIntervention(fields.status, s)),
    updateCount: updates.length,
    ...(last ? { lastUpdate: last } : {}),
    mine: owns(access, stored.value),
    canEdit: mayEdit(access, stored.value),
  };
}

/** The intervention with its log, for the person asking. */
export function detailOf(stored: Versioned<Intervention>, access: InterventionAccess, directory: Directory): InterventionDetail {
  return { ...summaryOf(stored, access, directory), updates: [...stored.value.updates] };
}
