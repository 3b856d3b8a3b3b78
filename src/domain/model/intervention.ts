import { IllegalStateError, ValidationError } from '../errors';
import {
  interventionCreateSchema,
  interventionPatchSchema,
  interventionSchema,
  interventionUpdateInputSchema,
  type Intervention,
  type InterventionStatus,
  type InterventionUpdate,
  type TieRef,
} from './intervention-schema';
import { parseModel } from './parse';

export * from './intervention-schema';

/**
 * An intervention the collaborative agrees to strengthen coordination: the ties and dimensions
 * it is meant to help, who owns it, and an append-only log of how it went. This file holds the
 * rules for changing one; the shapes are in ./intervention-schema.ts (re-exported here).
 */

/**
 * The only moves an intervention may make. A dropped one may be proposed again, so that its
 * history stays in one place rather than being copied into a new record; a finished one
 * ('done') is final, because its impact is measured against the pulses around its dates.
 */
const NEXT: Readonly<Record<InterventionStatus, readonly InterventionStatus[]>> = {
  proposed: ['agreed', 'dropped'],
  agreed: ['in_progress', 'dropped'],
  in_progress: ['done', 'dropped'],
  done: [],
  dropped: ['proposed'],
};

/** Status words as people read them. */
export const INTERVENTION_STATUS_WORDS: Readonly<Record<InterventionStatus, string>> = {
  proposed: 'proposed',
  agreed: 'agreed',
  in_progress: 'in progress',
  done: 'done',
  dropped: 'dropped',
};

/** Whether an intervention may move from one status to another (staying put is not a move). */
export function canMoveIntervention(from: InterventionStatus, to: InterventionStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * Refuses any status change the rules above do not allow, with a message a person can act
 * on (IllegalStateError, 409). Keeping the same status is not a change and passes.
 */
export function assertInterventionMove(from: InterventionStatus, to: InterventionStatus): void {
  if (from === to || canMoveIntervention(from, to)) return;
  const words = INTERVENTION_STATUS_WORDS;
  const allowed = NEXT[from].map((s) => `'${words[s]}'`);
  const userMessage =
    from === 'done'
      ? 'This intervention is done, so its status cannot change. You can still add an update to it.'
      : `An intervention that is ${words[from]} can only be marked ${allowed.join(' or ')}, not '${words[to]}'.`;
  throw new IllegalStateError(userMessage, `illegal intervention move ${from} -> ${to}`);
}

/** What the caller knows that the body cannot say for itself. */
export interface InterventionContext {
  /** The collaborative's workgroup ids: a tie may only join these. */
  workgroupIds: readonly string[];
  /** Entra object ids of the people on the collaborative's list: only they may own one. */
  memberIds: readonly string[];
  /** Who is making the change, for the update log. */
  author: { id: string; name: string };
}

/** Refuses ties and owners that are not the collaborative's own. */
function checkAgainstContext(x: { ties?: readonly TieRef[]; ownerIds?: readonly string[] }, context: InterventionContext): void {
  const groups = new Set(context.workgroupIds);
  const strangers = (x.ties ?? []).flatMap((t) => [t.from, t.to]).filter((id) => !groups.has(id));
  if (strangers.length > 0) {
    throw new ValidationError(
      "Each tie must join two of the collaborative's workgroups. Please choose the groups from the list.",
      [...new Set(strangers)].map((id) => `ties: '${id}' is not one of the collaborative's workgroups`),
    );
  }
  const people = new Set(context.memberIds.map((id) => id.toLowerCase()));
  const outsiders = (x.ownerIds ?? []).filter((id) => !people.has(id.toLowerCase()));
  if (outsiders.length > 0) {
    throw new ValidationError(
      "Each owner must be someone on the collaborative's list. Please choose owners from the list.",
      outsiders.map((id) => `ownerIds: '${id}' is not on the collaborative's list`),
    );
  }
}

function logEntry(at: string, author: InterventionContext['author'], text: string, from?: InterventionStatus, to?: InterventionStatus): InterventionUpdate {
  return {
    at,
    authorId: author.id,
    authorName: author.name,
    text,
    ...(from !== undefined && to !== undefined && from !== to ? { statusChange: { from, to } } : {}),
  };
}

/**
 * The intervention after a status move at `at`, stamping what the move means: starting
 * fixes the start date (if none was planned) and finishing records when, because the impact
 * is measured from the pulses either side of those dates.
 */
function moved(current: Intervention, to: InterventionStatus, at: string): Intervention {
  assertInterventionMove(current.status, to);
  if (current.status === to) return current;
  return {
    ...current,
    status: to,
    ...(to === 'in_progress' && current.startOn === undefined ? { startOn: at.slice(0, 10) } : {}),
    ...(to === 'done' ? { completedAt: at } : {}),
  };
}

const defaultNote = (to: InterventionStatus) => `Marked ${INTERVENTION_STATUS_WORDS[to]}.`;

/**
 * A new intervention from a create body (checked with interventionCreateSchema, then
 * against the collaborative's workgroups and people). Its log starts with who recorded it.
 * Throws ValidationError naming every problem; nothing is created.
 */
export function createIntervention(
  body: unknown,
  ids: { id: string; collaborativeId: string },
  at: string,
  context: InterventionContext,
): Intervention {
  const input = parseModel(interventionCreateSchema, body, 'intervention');
  checkAgainstContext(input, context);
  const note = input.status === 'agreed' && input.agreedIn ? `Agreed at ${input.agreedIn.meeting}.` : `Recorded as ${INTERVENTION_STATUS_WORDS[input.status]}.`;
  return parseModel(
    interventionSchema,
    { ...ids, ...input, createdAt: at, updatedAt: at, updates: [logEntry(at, context.author, note)] },
    'intervention',
  );
}

/**
 * The intervention after an edit body (interventionPatchSchema): fields set or cleared (null),
 * a status move (only the legal ones, logged with the author), and an optional note for the
 * log. A done intervention takes notes only. The result is checked whole, so a due date
 * before the start date is refused however it came about. Pure: `current` is not changed.
 */
export function applyInterventionChange(current: Intervention, patch: unknown, at: string, context: InterventionContext): Intervention {
  const { status, note, ...fields } = parseModel(interventionPatchSchema, patch, 'change');
  if (current.status === 'done' && Object.keys(fields).length > 0) {
    throw new IllegalStateError(
      'This intervention is done, so it can no longer be edited. You can still add an update to it.',
      `intervention ${current.id} is done; refused edit of ${Object.keys(fields).join(', ')}`,
    );
  }
  checkAgainstContext(fields, context);
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  let result = next as Intervention;
  if (status !== undefined) result = moved(result, status, at);
  const changedStatus = result.status !== current.status;
  const entry = changedStatus || note !== undefined ? [logEntry(at, context.author, note ?? defaultNote(result.status), current.status, result.status)] : [];
  return parseModel(interventionSchema, { ...result, updatedAt: at, updates: [...current.updates, ...entry] }, 'intervention');
}

/**
 * The intervention with one more entry in its log, written by `author` at `at`; when the
 * body names a status, the intervention moves there too (legal moves only). The log is
 * append-only: earlier entries are kept exactly as they were.
 */
export function appendUpdate(current: Intervention, body: unknown, at: string, author: InterventionContext['author']): Intervention {
  const { text, status } = parseModel(interventionUpdateInputSchema, body, 'update');
  const result = status === undefined ? current : moved(current, status, at);
  const entry = logEntry(at, author, text, current.status, result.status);
  return parseModel(interventionSchema, { ...result, updatedAt: at, updates: [...current.updates, entry] }, 'intervention');
}

/** Field by field, so the order keys were written in does not matter. */
function sameUpdate(a: InterventionUpdate, b: InterventionUpdate | undefined): boolean {
  return (
    b !== undefined &&
    a.at === b.at &&
    a.authorId === b.authorId &&
    a.authorName === b.authorName &&
    a.text === b.text &&
    a.statusChange?.from === b.statusChange?.from &&
    a.statusChange?.to === b.statusChange?.to
  );
}

/**
 * Refuses a stored change that breaks the rules, whatever path wrote it: another
 * intervention's id, an illegal status move, a completion time rewritten, or a log entry
 * edited or removed. Repositories call it before every write.
 */
export function assertInterventionChange(before: Intervention, after: Intervention): void {
  if (before.id !== after.id || before.collaborativeId !== after.collaborativeId) {
    throw new IllegalStateError('This change belongs to another intervention.', `intervention ${before.id} rewritten as ${after.id}`);
  }
  assertInterventionMove(before.status, after.status);
  if (before.completedAt !== undefined && after.completedAt !== before.completedAt) {
    throw new IllegalStateError('When an intervention was finished cannot be changed.', `intervention ${before.id}: completedAt rewritten`);
  }
  const kept = before.updates.every((u, i) => sameUpdate(u, after.updates[i]));
  if (!kept) {
    throw new IllegalStateError(
      "An intervention's updates cannot be changed or removed. Please add a new update instead.",
      `intervention ${before.id}: update log is append-only`,
    );
  }
}
