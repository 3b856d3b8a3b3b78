import { NotFoundError } from '../../domain/errors';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Organisation } from '../../domain/model/organisation';
import type { Pulse } from '../../domain/model/pulse';
import type { Workgroup } from '../../domain/model/workgroup';
import type { Storage } from '../../storage/storage';
import type { CollaborativeAccess, CollaborativeRole } from './collaborative-access';

/** What the tab shows about a collaborative and its pulses. */

export interface CollaborativeViewDeps {
  workgroups: Pick<Storage['workgroups'], 'list'>;
  organisations: Pick<Storage['organisations'], 'list'>;
  pulses: Pick<Storage['pulses'], 'list' | 'find'>;
}

/** A collaborative with its workgroups and organisations (retired ones too, so past results still name them), and the person's role. */
export interface CollaborativeView {
  collaborative: Collaborative;
  workgroups: Workgroup[];
  organisations: Organisation[];
  role: CollaborativeRole;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Settings, workgroups and organisations, each list in name order. */
export async function collaborativeView(deps: CollaborativeViewDeps, access: CollaborativeAccess): Promise<CollaborativeView> {
  const c = access.collaborative;
  const [workgroups, organisations] = await Promise.all([deps.workgroups.list(c.id), deps.organisations.list(c.id)]);
  return { collaborative: c, workgroups: workgroups.sort(byName), organisations: organisations.sort(byName), role: access.role };
}

/**
 * Drafts are work in progress: only facilitators see them. A cancelled pulse has nothing to show
 * anyone. A transition check's pulse is seen only through the check's own routes (its people,
 * its published figures): its responses hold a family's answers, which the pulse results and
 * exports must never show.
 */
const visibleTo = (access: CollaborativeAccess) => (p: Pulse) =>
  p.kind !== 'transition' && p.status !== 'cancelled' && (p.status !== 'draft' || access.role === 'facilitator');

/** The collaborative's pulses the person may see, newest first. */
export async function pulseList(deps: CollaborativeViewDeps, access: CollaborativeAccess): Promise<Pulse[]> {
  const pulses = await deps.pulses.list(access.collaborative.id);
  return pulses.filter(visibleTo(access));
}

/** One pulse of the collaborative the person may see; NotFoundError otherwise. */
export async function visiblePulse(deps: { pulses: Pick<Storage['pulses'], 'find'> }, access: CollaborativeAccess, pulseId: string): Promise<Pulse> {
  const found = await deps.pulses.find(access.collaborative.id, pulseId);
  if (!found || !visibleTo(access)(found.value)) {
    throw new NotFoundError('pulse', `no pulse ${pulseId} in ${access.collaborative.id} for ${access.role}`);
  }
  return found.value;
}
