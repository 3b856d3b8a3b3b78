import type { PulseStatusView } from '../../cards/pulse-status-card';
import type { Pulse } from '../../domain/model/pulse';
import { effectiveK } from '../../domain/model/pulse';
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

/**
 * Lists the collaborative's survey pulses (facilitators only): scheduled (draft), open,
 * closed and cancelled, each with its scope by name and, once it has opened and until it is
 * cancelled, its progress from the pulse status use-case, so the page and "pulse status" count
 * alike. Transition checks have their own page. Only reads.
 */
export async function pulseAdminList(deps: PulseStatusDeps, actor: Actor, collaborativeId: string): Promise<PulseAdminView> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'manage pulses');
  const [pulses, workgroups] = await Promise.all([deps.pulses.list(collaborativeId), deps.workgroups.list(collaborativeId)]);
  const names = workgroupNames(workgroups);
  const named = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id);
  const surveys = pulses.filter((p) => p.kind === 'survey');
  const pulsesWithProgress = await Promise.all(
    surveys.map(async (pulse): Promise<PulseAdminEntry> => {
      const counted = pulse.status === 'open' || pulse.status === 'closed';
      const progress = counted ? await pulseStatus(deps, actor, collaborativeId, { pulseId: pulse.id }) : undefined;
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
