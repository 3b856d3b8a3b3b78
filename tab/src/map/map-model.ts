import type { PublishedResults, TieFigures } from '../../../src/contract/api-contract';
import { FAMILIES_WORKGROUP_ID } from '../../../src/domain/model/family';
import { figureSentence } from '../ui/figure-format';

/**
 * The map's items in reading order: for each workgroup, its own within-group tie (drawn as
 * the node) and then its ties to the other groups. Keyboard users move through them in this
 * order with the arrow keys.
 */
export interface MapItem {
  key: string;
  tie: TieFigures;
  within: boolean;
  /** What a screen reader hears, and what the details panel says. */
  label: string;
}

export interface MapGroup {
  id: string;
  name: string;
  /** The Families group: its people answered through family links, not in Teams. */
  families: boolean;
}

/** Whether a workgroup id is the Families group (src/domain/model/family.ts). */
export function isFamilies(id: string): boolean {
  return id === FAMILIES_WORKGROUP_ID;
}

/** "How people in A experience working with B": what a tie measures, in plain words. */
export function tieMeaning(tie: TieFigures): string {
  // Families are people, not a team: "How families experience", not "How people in Families".
  const who = isFamilies(tie.from) ? 'families' : `people in ${tie.fromName}`;
  const whom = isFamilies(tie.to) ? 'families' : tie.toName;
  return tie.from === tie.to ? `How ${who} experience working with each other` : `How ${who} experience working with ${whom}`;
}

/** The groups (in the results' order) and the map items, optionally only those touching one group. */
export function mapModel(results: PublishedResults, focusGroup?: string): { groups: MapGroup[]; items: MapItem[] } {
  const k = results.method.k;
  const groups: MapGroup[] = results.figures.workgroups.map((w) => ({ id: w.id, name: w.name, families: isFamilies(w.id) }));
  // A tie may name a group the workgroup list does not (a retired group): keep it on the map.
  for (const t of results.figures.ties) {
    for (const [id, name] of [[t.from, t.fromName], [t.to, t.toName]] as const) if (!groups.some((g) => g.id === id)) groups.push({ id, name, families: isFamilies(id) });
  }
  const order = new Map(groups.map((g, i) => [g.id, i]));
  const ties = [...results.figures.ties]
    .filter((t) => !focusGroup || t.from === focusGroup || t.to === focusGroup)
    .sort((a, b) => order.get(a.from)! - order.get(b.from)! || (a.from === a.to ? -1 : b.from === b.to ? 1 : order.get(a.to)! - order.get(b.to)!));
  const items = ties.map((tie) => ({
    key: `${tie.from}>${tie.to}`,
    tie,
    within: tie.from === tie.to,
    label: `${tieMeaning(tie)}: ${figureSentence(tie, k)}`,
  }));
  return { groups, items };
}
