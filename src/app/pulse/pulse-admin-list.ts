import type { PulseStatusView } from '../../cards/pulse-status-card';
import type { ResponseRates } from '../../domain/model/response-rates';
import type { Pulse } from '../../domain/model/pulse';
import { effectiveK, figuresFinal, scopeOf } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import type { Actor } from '../ports';
import { workgroupNames } from './pulse-lookup';
import { pulseStatus, type PulseStatusDeps } from './pulse-status';

/** One pulse as the facilitators' pulses page lists it. */
export interface PulseAdminEntry {
  pulse: Pulse;
  /** The pulse's own k (what its counts are hidden under). */
  k: number;
  /** Names of the groups asked; null when everyone is asked. */
  asking: string[] | null;
  /** Names of the groups rated. */
  rating: string[];
  /** How an open or closed pulse is going, exactly as "pulse status" counts it (the edge hides what the k rule hides). */
  progress?: PulseStatusView;
}

/** The facilitators' pulses page: every survey pulse, newest first, and what a new one can ask. */
export interface PulseAdminView {
  collaborativeId: string;
  /** The collaborative's focal work process: a new pulse's when none is given. */
  focalProcess: string;
  /** Active workgroups, for the form's choices. */
  workgroups: { id: string; name: string }[];
  pulses: PulseAdminEntry[];
}

/** What the list reads: the status use-case's reads, and the response rates published at a close. */
export interface PulseAdminDeps extends PulseStatusDeps {
  snapshots: Pick<Storage['snapshots'], 'latest' | 'keptRates'>;
}

/**
 * A closed pulse's counts as published with its final figures (the response rates the close
 * kept), rather than counted again: a pulse loaded from a file or the demo has no invitations
 * or ledger to count, and its published rates are what its results show. Hidden counts (null)
 * stay hidden: 0 is below k.
 */
async function publishedCounts(deps: PulseAdminDeps, pulse: Pulse): Promise<ResponseRates | undefined> {
  if (!figuresFinal(pulse)) return undefined;
  const snapshot = await deps.snapshots.latest(scopeOf(pulse));
  return snapshot ? (await deps.snapshots.keptRates(scopeOf(pulse), snapshot.respondents))?.rates : undefined;
}

function withPublished(progress: PulseStatusView, rates: ResponseRates | undefined): PulseStatusView {
  if (!rates) return progress;
  const { started: _started, ...rest } = progress;
  return {
    ...rest,
    invited: rates.total.invited,
    answered: rates.total.answered ?? 0,
    workgroups: rates.byWorkgroup.map((w) => ({ name: w.name, invited: w.invited, answered: w.answered ?? 0 })),
  };
}

/**
 * Lists the collaborative's survey pulses (facilitators only): scheduled (draft), open,
 * closed and cancelled, each with its scope by name and, once it has opened and until it is
 * cancelled, its progress from the pulse status use-case, so the page and "pulse status" count
 * alike while it is open; once closed, the counts published with its figures. Transition checks have their own page. Only reads.
 */
export async function pulseAdminList(deps: PulseAdminDeps, actor: Actor, collaborativeId: string): Promise<PulseAdminView> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'manage pulses');
  const [pulses, workgroups] = await Promise.all([deps.pulses.list(collaborativeId), deps.workgroups.list(collaborativeId)]);
  const names = workgroupNames(workgroups);
  const named = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id);
  const surveys = pulses.filter((p) => p.kind === 'survey');
  const pulsesWithProgress = await Promise.all(
    surveys.map(async (pulse): Promise<PulseAdminEntry> => {
      const counted = pulse.status === 'open' || pulse.status === 'closed';
      const progress = counted ? withPublished(await pulseStatus(deps, actor, collaborativeId, { pulseId: pulse.id }), await publishedCounts(deps, pulse)) : undefined;
      return {
        pulse,
        k: effectiveK(pulse, collaborative.k),
        asking: pulse.participantWorkgroupIds ? named(pulse.participantWorkgroupIds) : null,
        rating: named(pulse.targetWorkgroupIds),
        ...(progress ? { progress } : {}),
      };
    }),
  );
  return {
    collaborativeId,
    focalProcess: collaborative.focalProcess,
    workgroups: workgroups.filter((w) => w.retiredAt === undefined).map((w) => ({ id: w.id, name: w.name })),
    pulses: pulsesWithProgress,
  };
}
