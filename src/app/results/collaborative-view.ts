import type { CollaborativeResponse, PulseSummary } from '../../contract/api-contract';
import { NotFoundError } from '../../domain/errors';
import type { Pulse } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import type { CollaborativeAccess } from './tab-access';

/** What the tab shows about a collaborative and its pulses (plain data, as the API sends it). */

export interface CollaborativeViewDeps {
  workgroups: Pick<Storage['workgroups'], 'list'>;
  organisations: Pick<Storage['organisations'], 'list'>;
  pulses: Pick<Storage['pulses'], 'list' | 'find'>;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Settings, workgroups and organisations (retired ones marked, so past results still name them). */
export async function collaborativeView(deps: CollaborativeViewDeps, access: CollaborativeAccess): Promise<CollaborativeResponse> {
  const c = access.collaborative;
  const [workgroups, organisations] = await Promise.all([deps.workgroups.list(c.id), deps.organisations.list(c.id)]);
  return {
    id: c.id,
    name: c.name,
    focalProcess: c.focalProcess,
    k: c.k,
    minItems: c.minItems,
    bands: c.bands,
    instrument: { id: c.instrument.id, name: c.instrument.name },
    workgroups: workgroups
      .map((w) => ({ id: w.id, name: w.name, organisationId: w.organisationId ?? null, retired: w.retiredAt !== undefined }))
      .sort(byName),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, retired: o.retiredAt !== undefined })).sort(byName),
    role: access.role,
  };
}

/** A pulse as the API lists it. */
export function pulseSummary(p: Pulse): PulseSummary {
  return {
    id: p.id,
    title: p.title ?? null,
    kind: p.kind,
    status: p.status,
    focalProcess: p.focalProcess,
    opensAt: p.opensAt ?? null,
    closesAt: p.closesAt ?? null,
    openedAt: p.openedAt ?? null,
    closedAt: p.closedAt ?? null,
  };
}

/** Drafts are work in progress: only facilitators see them. */
const visibleTo = (access: CollaborativeAccess) => (p: Pulse) => p.status !== 'draft' || access.role === 'facilitator';

/** The collaborative's pulses, newest first. */
export async function pulseList(deps: CollaborativeViewDeps, access: CollaborativeAccess): Promise<{ pulses: PulseSummary[] }> {
  const pulses = await deps.pulses.list(access.collaborative.id);
  return { pulses: pulses.filter(visibleTo(access)).map(pulseSummary) };
}

/** One pulse of the collaborative the person may see; NotFoundError otherwise. */
export async function visiblePulse(deps: { pulses: Pick<Storage['pulses'], 'find'> }, access: CollaborativeAccess, pulseId: string): Promise<Pulse> {
  const found = await deps.pulses.find(access.collaborative.id, pulseId);
  if (!found || !visibleTo(access)(found.value)) {
    throw new NotFoundError('pulse', `no pulse ${pulseId} in ${access.collaborative.id} for ${access.role}`);
  }
  return found.value;
}
