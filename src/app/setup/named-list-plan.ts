import { z } from 'zod';
import { ValidationError } from '../../domain/errors';
import { parseModel } from '../../domain/model/parse';
import { idSchema, nameSchema } from '../../domain/model/primitives';
import type { Versioned } from '../../storage/entity-table';
import { freeId, idFromName } from './setup-ids';

/** Largest list a facilitator sets at once (a pulse rates at most 50 workgroups). */
export const MAX_LIST = 50;

/** One wanted item: its name, and its id when the facilitator names an existing one (to rename it). */
export const listEntrySchema = z.object({ id: idSchema.optional(), name: nameSchema });
export type ListEntry = z.infer<typeof listEntrySchema>;

/** The whole wanted list: 1 to 50 entries. */
export const listEntriesSchema = z
  .array(listEntrySchema)
  .min(1, 'give at least one')
  .max(MAX_LIST, `at most ${MAX_LIST} at once`);

/** A workgroup or organisation as far as the plan is concerned. */
export interface NamedItem {
  collaborativeId: string;
  id: string;
  name: string;
  retiredAt?: string;
}

/** What setting the list did, by id (names in `renamed`). */
export interface ListSummary {
  added: string[];
  renamed: { id: string; from: string; to: string }[];
  restored: string[];
  retired: string[];
  deleted: string[];
}

export interface ListPlan<T extends NamedItem> {
  create: T[];
  replace: { previous: Versioned<T>; next: T }[];
  remove: Versioned<T>[];
  /** The list as it will be: the wanted items, in the order given. */
  active: T[];
  summary: ListSummary;
}

/** True when the plan changes nothing. */
export function isEmptyPlan(plan: ListPlan<NamedItem>): boolean {
  return plan.create.length + plan.replace.length + plan.remove.length === 0;
}

const fold = (name: string) => name.trim().toLowerCase();

/**
 * Decides how to turn the stored list into the wanted one (pure). An entry with an id is
 * that item (renamed or brought back from retirement if need be, added if new); an entry
 * without one is the item with that name (any case), else a new item with an id made from
 * the name. Items no longer wanted are RETIRED when `isReferenced` says pulses or members
 * refer to them (past results still name them), and deleted otherwise. Names stay unique
 * (any case) across everything kept, so exports and roster files are unambiguous.
 * ValidationError naming every problem; nothing is decided then.
 */
export function planNamedList<T extends NamedItem>(
  what: string,
  rows: readonly Versioned<T>[],
  wanted: readonly ListEntry[],
  context: { collaborativeId: string; now: string; isReferenced: (id: string) => boolean },
): ListPlan<T> {
  const entries = parseModel(listEntriesSchema, wanted, `list of ${what}s`);
  const problems: string[] = [];
  const byId = new Map(rows.map((r) => [r.value.id, r]));
  const byName = new Map(rows.map((r) => [fold(r.value.name), r]));
  const seenNames = new Map<string, number>();
  const seenIds = new Set<string>();
  entries.forEach((e, i) => {
    const first = seenNames.get(fold(e.name));
    if (first !== undefined) problems.push(`"${e.name}" is listed twice (entries ${first + 1} and ${i + 1})`);
    else seenNames.set(fold(e.name), i);
    if (e.id && seenIds.has(e.id)) problems.push(`the id ${e.id} is listed twice`);
    if (e.id) seenIds.add(e.id);
  });
  // Entries with ids claim their rows first, so a name match never takes a row named by id.
  const claimed = new Set(entries.flatMap((e) => (e.id && byId.has(e.id) ? [e.id] : [])));
  const taken = new Set([...byId.keys(), ...seenIds]);
  const matched = entries.map((e) => {
    if (e.id) return { entry: e, row: byId.get(e.id), id: e.id };
    const row = byName.get(fold(e.name));
    if (row && !claimed.has(row.value.id)) {
      claimed.add(row.value.id);
      return { entry: e, row, id: row.value.id };
    }
    const id = freeId(idFromName(e.name), taken);
    taken.add(id);
    return { entry: e, row: undefined, id };
  });
  const leftOver = rows.filter((r) => !claimed.has(r.value.id));
  const kept = leftOver.filter((r) => r.value.retiredAt !== undefined || context.isReferenced(r.value.id));
  for (const r of kept) {
    const clash = seenNames.get(fold(r.value.name));
    if (clash !== undefined) {
      problems.push(`"${entries[clash]!.name}" is already the name of ${what} ${r.value.id}, which is kept (retired) because past pulses or members refer to it; list it by that id to bring it back, or choose another name`);
    }
  }
  if (problems.length > 0) throw new ValidationError(`The ${what}s could not be set: ${problems.join('; ')}.`, problems);

  const plan: ListPlan<T> = { create: [], replace: [], remove: [], active: [], summary: { added: [], renamed: [], restored: [], retired: [], deleted: [] } };
  for (const { entry, row, id } of matched) {
    if (!row) {
      const item = { collaborativeId: context.collaborativeId, id, name: entry.name } as T;
      plan.create.push(item);
      plan.active.push(item);
      plan.summary.added.push(id);
      continue;
    }
    const next = { ...row.value, name: entry.name } as T;
    delete next.retiredAt;
    if (row.value.name !== entry.name) plan.summary.renamed.push({ id, from: row.value.name, to: entry.name });
    if (row.value.retiredAt !== undefined) plan.summary.restored.push(id);
    if (row.value.name !== entry.name || row.value.retiredAt !== undefined) plan.replace.push({ previous: row, next });
    plan.active.push(next);
  }
  for (const r of leftOver) {
    if (r.value.retiredAt !== undefined) continue;
    if (context.isReferenced(r.value.id)) {
      plan.replace.push({ previous: r, next: { ...r.value, retiredAt: context.now } });
      plan.summary.retired.push(r.value.id);
    } else {
      plan.remove.push(r);
      plan.summary.deleted.push(r.value.id);
    }
  }
  return plan;
}
