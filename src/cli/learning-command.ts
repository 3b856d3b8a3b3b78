import { learningExport } from '../app/interventions/learning-export';
import { MemoCache } from '../app/results/memo-cache';
import type { PulseResultsView, ResultsDeps } from '../app/results/results-view';
import type { CollaborativeAccess } from '../app/results/collaborative-access';
import { systemClock, type AuditActor } from '../app/ports';
import { loadCollaborative } from '../app/setup/setup-context';
import { learningCsv } from '../domain/learning-csv';
import { learningMarkdown } from '../domain/learning-report';
import type { Storage } from '../storage/storage';

/**
 * `rc-pulse export learning`: the collaborative's learning export (results over time, the
 * interventions and what changed) as Markdown or CSV, exactly as the tab downloads it. The
 * person at the keyboard can already reach the storage, so they read it as a facilitator
 * would; the export is audited with them as the actor, like every other command.
 */
export async function learningExportText(storage: Storage, actor: AuditActor, collaborativeId: string, format: 'md' | 'csv'): Promise<string> {
  const collaborative = (await loadCollaborative(storage, collaborativeId)).value;
  const access: CollaborativeAccess = {
    collaborative,
    role: 'facilitator',
    person: { aadObjectId: actor.id, tenantId: '', name: actor.name ?? actor.id },
  };
  const results: ResultsDeps = { ...storage, resultsCache: new MemoCache<PulseResultsView>() };
  const report = await learningExport({ results, impact: { storage }, storage, clock: systemClock }, access);
  return format === 'md' ? learningMarkdown(report) : learningCsv(report);
}
