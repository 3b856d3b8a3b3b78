import type { DigestItem } from '../../cards/intervention-digest-card';
import { INTERVENTION_STATUS_WORDS, type Intervention } from '../../domain/model/intervention';

/**
 * What goes in the weekly digest: the interventions recorded, moved on or given an update in
 * the seven days before `now`, the most recently changed first. Pure.
 */

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The digest's items for the week before `now` (empty when nothing changed). */
export function digestItems(interventions: readonly Intervention[], now: Date): DigestItem[] {
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  const until = now.toISOString();
  const inWeek = (at: string) => at >= since && at < until;
  const changed = interventions.flatMap((iv) => {
    // The first entry is the one that recorded it: "recorded this week" says that already.
    const entries = iv.updates.slice(1).filter((u) => inWeek(u.at));
    const created = inWeek(iv.createdAt);
    if (!created && entries.length === 0) return [];
    const moves = entries.flatMap((u) => (u.statusChange ? [`${INTERVENTION_STATUS_WORDS[u.statusChange.from]} → ${INTERVENTION_STATUS_WORDS[u.statusChange.to]}`] : []));
    const latest = entries.at(-1)?.text;
    const item: DigestItem = { title: iv.title, created, moves, updates: entries.length, ...(latest ? { latest } : {}) };
    const last = entries.at(-1)?.at ?? iv.createdAt;
    return [{ item, last }];
  });
  return changed.sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0)).map((c) => c.item);
}
