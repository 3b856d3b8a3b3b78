import { compare, type CompareReport } from '../../domain/change';
import { choosePulsesForImpact, interventionImpact as impactFromReport, type ImpactChange, type ImpactView } from '../../domain/impact';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Intervention } from '../../domain/model/intervention';
import { effectiveK, type Pulse, scopeOf } from '../../domain/model/pulse';
import type { TieLabel } from '../../domain/sense-making-view';
import type { Versioned } from '../../storage/entity-table';
import type { Storage } from '../../storage/storage';
import { responsesToMatrix } from '../pulse/pulse-figures';
import { loadIntervention, type InterventionAccess } from './intervention-access';
import { workgroupNameRecord } from './intervention-view';

/**
 * Did it help? The change on an intervention's targeted ties and dimensions between the last
 * survey pulse that closed before it started and the pulse after it (choosePulsesForImpact),
 * from the two pulses' released responses, computed the way the tab's compare view and
 * `rc-pulse compare` compute it (change.ts: Welch intervals, each side's anonymity rules
 * first). Only figures that may be shown reach the result.
 */

export interface ImpactDeps {
  storage: Pick<Storage, 'interventions' | 'workgroups' | 'pulses' | 'responses'>;
}

/** A pulse the impact was measured with. */
export interface ImpactPulse {
  id: string;
  title?: string;
  openedAt: string;
  closedAt: string;
}

/** The anonymity rules both pulses were scored with for the comparison. */
export interface ImpactMethod {
  k: number;
  minItems: number;
}

type InterventionRef = Pick<Intervention, 'id' | 'title' | 'status' | 'startOn' | 'completedAt'>;

/** One intervention's impact, or why it cannot be measured yet (in plain words). */
export type InterventionImpactResult = { intervention: InterventionRef } & (
  | { measured: true; before: ImpactPulse; after: ImpactPulse; method: ImpactMethod; impact: ImpactView }
  | { measured: false; reason: 'not_started' | 'no_pulse_before' | 'no_pulse_after'; message: string }
);

/** A tie some measured intervention targets, and the change each one saw on it. */
export interface TieImpact {
  tie: TieLabel;
  interventions: { id: string; title: string; status: Intervention['status']; before: string; after: string; rc: ImpactChange }[];
}

/** Which interventions moved which ties: every intervention's result, and the targeted ties. */
export interface AllImpacts {
  interventions: InterventionImpactResult[];
  ties: TieImpact[];
}

type Comparison = { report: CompareReport; method: ImpactMethod };

/**
 * Compares two closed pulses once per call, however many interventions share the pair.
 * compare() takes one k and one minItems for both sides: k is the larger of the two pulses'
 * own (as the tab's compare view does), so a figure is shown only if both pulses' rules allow
 * it; minItems is the collaborative's, which is what every pulse is scored with.
 */
function comparer(deps: ImpactDeps, collaborative: Collaborative): (before: Pulse, after: Pulse) => Promise<Comparison> {
  const done = new Map<string, Promise<Comparison>>();
  return (before, after) => {
    const key = `${before.id}\u0000${after.id}`;
    let found = done.get(key);
    if (!found) {
      found = (async () => {
        const k = Math.max(effectiveK(before, collaborative.k), effectiveK(after, collaborative.k));
        const [b, a] = await Promise.all([deps.storage.responses.list(scopeOf(before)), deps.storage.responses.list(scopeOf(after))]);
        const report = compare(responsesToMatrix(b), responsesToMatrix(a), { k, minItems: collaborative.minItems, bands: collaborative.bands });
        return { report, method: { k: report.k, minItems: report.minItems } };
      })();
      done.set(key, found);
    }
    return found;
  };
}

const pulseRef = (p: Pulse): ImpactPulse => ({ id: p.id, ...(p.title ? { title: p.title } : {}), openedAt: p.openedAt!, closedAt: p.closedAt! });

function refOf(iv: Intervention): InterventionRef {
  const { id, title, status, startOn, completedAt } = iv;
  return { id, title, status, ...(startOn ? { startOn } : {}), ...(completedAt ? { completedAt } : {}) };
}

async function impactOf(
  iv: Intervention,
  pulses: readonly Pulse[],
  names: Record<string, string>,
  compareOnce: (before: Pulse, after: Pulse) => Promise<Comparison>,
): Promise<InterventionImpactResult> {
  const chosen = choosePulsesForImpact(pulses, iv);
  if (!chosen.ok) return { intervention: refOf(iv), measured: false, reason: chosen.reason, message: chosen.message };
  const { report, method } = await compareOnce(chosen.before, chosen.after);
  return {
    intervention: refOf(iv),
    measured: true,
    before: pulseRef(chosen.before),
    after: pulseRef(chosen.after),
    method,
    impact: impactFromReport(iv, report, names),
  };
}

async function loadContext(deps: ImpactDeps, collaborativeId: string): Promise<{ pulses: Pulse[]; names: Record<string, string> }> {
  const [pulses, workgroups] = await Promise.all([deps.storage.pulses.list(collaborativeId), deps.storage.workgroups.list(collaborativeId)]);
  return { pulses, names: workgroupNameRecord({ workgroups }) };
}

/** The impact of one intervention (anyone on the list may see it); NotFoundError when there is none. */
export async function interventionImpact(deps: ImpactDeps, access: InterventionAccess, interventionId: string): Promise<InterventionImpactResult> {
  const [stored, { pulses, names }] = await Promise.all([loadIntervention(deps, access, interventionId), loadContext(deps, access.collaborative.id)]);
  return impactOf(stored.value, pulses, names, comparer(deps, access.collaborative));
}

/**
 * The impact of every intervention of the collaborative, and for each tie a measured one
 * targets, what each of them saw on it: which interventions moved which ties.
 */
export async function allInterventionImpacts(deps: ImpactDeps, access: InterventionAccess): Promise<AllImpacts> {
  const [stored, { pulses, names }] = await Promise.all([deps.storage.interventions.list(access.collaborative.id), loadContext(deps, access.collaborative.id)]);
  const compareOnce = comparer(deps, access.collaborative);
  const byTitle = (a: Versioned<Intervention>, b: Versioned<Intervention>) => a.value.title.localeCompare(b.value.title, 'en') || (a.value.id < b.value.id ? -1 : 1);
  const ordered = [...stored].sort(byTitle).map((s) => s.value);
  const results = await Promise.all(ordered.map((iv) => impactOf(iv, pulses, names, compareOnce)));
  const ties = new Map<string, TieImpact>();
  for (const r of results) {
    if (!r.measured) continue;
    for (const t of r.impact.ties) {
      const key = `${t.tie.from}\u0000${t.tie.to}`;
      const entry = ties.get(key) ?? { tie: t.tie, interventions: [] };
      entry.interventions.push({ id: r.intervention.id, title: r.intervention.title, status: r.intervention.status, before: r.before.id, after: r.after.id, rc: t.rc });
      ties.set(key, entry);
    }
  }
  return { interventions: results, ties: [...ties.values()].sort((a, b) => a.tie.label.localeCompare(b.tie.label, 'en')) };
}
