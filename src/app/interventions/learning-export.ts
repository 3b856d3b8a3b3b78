import { DIMENSION_TITLES } from '../../domain/dimension-words';
import { catalogueEntry } from '../../domain/intervention-catalogue';
import { KIND_WORDS, type LearningExport, type LearningIntervention, type LearningPulse } from '../../domain/learning-report';
import { INTERVENTION_STATUS_WORDS } from '../../domain/model/intervention';
import type { Pulse } from '../../domain/model/pulse';
import { tieLabel } from '../../domain/sense-making-view';
import { shownFigure } from '../../domain/shown-figure';
import type { Storage } from '../../storage/storage';
import { pulseResultsView, type ResultsDeps } from '../results/results-view';
import type { CollaborativeAccess } from '../results/collaborative-access';
import { recordAudit } from '../audit';
import type { Clock } from '../ports';
import { allInterventionImpacts, type ImpactDeps } from './intervention-impact';
import { workgroupNameRecord } from './intervention-view';

/**
 * The learning export: what a collaborative measured, what it tried and what changed, for a
 * regional report. Headline results of every closed survey pulse (each with the k it was
 * published with), the interventions with their kinds, status and impact on the ties they
 * target, and the notes of their logs. Anonymised: figures only as published (nothing from
 * fewer than k people), no one's name (owners and authors are left out; a note is dated
 * only). A plain view model (src/domain/learning-report.ts), written as Markdown or CSV there.
 */

export interface LearningDeps {
  results: ResultsDeps;
  impact: ImpactDeps;
  storage: Pick<Storage, 'pulses' | 'interventions' | 'workgroups' | 'audit'>;
  clock: Clock;
}

async function pulseLine(deps: LearningDeps, access: CollaborativeAccess, pulse: Pulse): Promise<LearningPulse> {
  const r = await pulseResultsView(deps.results, access, pulse.id);
  const base = { id: pulse.id, title: pulse.title ?? pulse.focalProcess, closedAt: pulse.closedAt ?? '', k: r.method.k };
  const none = { overall: null, overallBetween: null, communication: null, relationship: null };
  if (r.state === 'figures') {
    const f = r.figures.report;
    return {
      ...base,
      respondents: f.respondents >= r.method.k ? f.respondents : null,
      overall: shownFigure(f.overall),
      overallBetween: shownFigure(f.overallBetween),
      communication: shownFigure(f.indices.communication),
      relationship: shownFigure(f.indices.relationship),
    };
  }
  if (r.state === 'no_figures') return { ...base, respondents: null, noFigures: r.reason, ...none };
  return { ...base, respondents: null, noFigures: 'preparing', ...none };
}

/**
 * The learning export of the person's collaborative (anyone on its list may have it),
 * audited as 'learning.exported'.
 */
export async function learningExport(deps: LearningDeps, access: CollaborativeAccess): Promise<LearningExport> {
  const c = access.collaborative;
  const pulses = (await deps.storage.pulses.list(c.id))
    .filter((p) => p.kind === 'survey' && p.status === 'closed')
    .sort((a, b) => Date.parse(a.closedAt ?? '') - Date.parse(b.closedAt ?? ''));
  const [lines, stored, impacts, workgroups] = await Promise.all([
    Promise.all(pulses.map((p) => pulseLine(deps, access, p))),
    deps.storage.interventions.list(c.id),
    allInterventionImpacts(deps.impact, access),
    deps.storage.workgroups.list(c.id),
  ]);
  const names = workgroupNameRecord({ workgroups });
  const byId = new Map(stored.map((s) => [s.value.id, s.value]));
  const interventions = impacts.interventions.flatMap((result): LearningIntervention[] => {
    const iv = byId.get(result.intervention.id);
    if (!iv) return [];
    const approach = iv.catalogueId ? catalogueEntry(iv.catalogueId)?.title : undefined;
    return [
      {
        id: iv.id,
        title: iv.title,
        description: iv.description,
        kind: iv.kind,
        kindWords: KIND_WORDS[iv.kind],
        ...(approach ? { approach } : {}),
        status: iv.status,
        statusWords: INTERVENTION_STATUS_WORDS[iv.status],
        ties: iv.ties.map((t) => tieLabel(t.from, t.to, names).label),
        dimensions: iv.dimensions.map((d) => DIMENSION_TITLES[d]),
        ...(iv.agreedIn ? { agreedIn: iv.agreedIn } : {}),
        ...(iv.startOn ? { startOn: iv.startOn } : {}),
        ...(iv.dueOn ? { dueOn: iv.dueOn } : {}),
        ...(iv.completedAt ? { completedOn: iv.completedAt.slice(0, 10) } : {}),
        impact: result.measured
          ? { measured: true, before: result.before, after: result.after, k: result.method.k, view: result.impact }
          : { measured: false, message: result.message },
        notes: iv.updates.map((u) => ({
          on: u.at.slice(0, 10),
          text: u.text,
          ...(u.statusChange ? { movedTo: INTERVENTION_STATUS_WORDS[u.statusChange.to] } : {}),
        })),
      },
    ];
  });
  await recordAudit(
    { storage: deps.storage, clock: deps.clock, actor: { id: access.person.aadObjectId, name: access.person.name } },
    c.id,
    'learning.exported',
    c.id,
    { pulses: lines.length, interventions: interventions.length },
  );
  return { collaborative: { id: c.id, name: c.name, focalProcess: c.focalProcess }, generatedAt: deps.clock().toISOString(), pulses: lines, interventions };
}
