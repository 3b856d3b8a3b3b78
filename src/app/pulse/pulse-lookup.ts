import { createHash } from 'node:crypto';
import type { SurveyTarget } from '../../cards/survey-steps';
import { IllegalStateError } from '../../domain/errors';
import type { Pulse } from '../../domain/model/pulse';
import type { Workgroup } from '../../domain/model/workgroup';
import { invitesWorkgroup } from '../../domain/model/pulse-scope';

/** Finding a collaborative's pulses, shared by every pulse use-case. */

/** There is no pulse to act on; says what to do instead. */
export class NoPulseError extends IllegalStateError {
  constructor(userMessage: string, detail?: string) {
    super(userMessage, detail, 'no_pulse');
  }
}

/** The pulse list a use-case needs (newest first, as the pulse repository returns it). */
export interface PulseList {
  list(collaborativeId: string): Promise<Pulse[]>;
}

/**
 * Several survey pulses are open and none was named: says which there are and how to name one.
 * It carries the open pulses, so the bot can offer them as buttons (the "which pulse" card).
 */
export class WhichPulseError extends IllegalStateError {
  constructor(
    readonly open: readonly Pick<Pulse, 'id' | 'title' | 'focalProcess' | 'collaborativeId' | 'participantWorkgroupIds'>[],
    example: string,
  ) {
    const names = open.map((p) => `"${p.title ?? p.focalProcess}" (${p.id})`).join(', ');
    super(`${open.length} pulses are open: ${names}. Please say which one, for example "${example} ${open[0]!.id}".`, `several open pulses: ${open.map((p) => p.id).join(',')}`, 'which_pulse');
  }
}

/** Whether `ref` names the pulse: its id, or its title in any case. */
export function namesPulse(pulse: Pick<Pulse, 'id' | 'title'>, ref: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  return pulse.id === ref.trim() || (pulse.title !== undefined && norm(pulse.title) === norm(ref));
}

/**
 * The collaborative's open survey pulse, if there is one. When several are open (scoped
 * pulses asking different groups): the one that asks `workgroupId` when given, else the newest.
 */
export async function findOpenPulse(pulses: PulseList, collaborativeId: string, workgroupId?: string): Promise<Pulse | undefined> {
  const open = (await pulses.list(collaborativeId)).filter((p) => p.kind === 'survey' && p.status === 'open');
  return (workgroupId !== undefined ? open.find((p) => invitesWorkgroup(p, workgroupId)) : undefined) ?? open[0];
}

/** Every open survey pulse of the collaborative, newest first. */
export async function openPulses(pulses: PulseList, collaborativeId: string): Promise<Pulse[]> {
  return (await pulses.list(collaborativeId)).filter((p) => p.kind === 'survey' && p.status === 'open');
}

/**
 * The open survey pulse a command acts on: the one named (id or title), else the only one
 * open. WhichPulseError when several are open and none was named (`command` is what was
 * typed, for the example); undefined when none is open or the named one is not.
 */
export async function chosenOpenPulse(pulses: PulseList, collaborativeId: string, pulseId: string | undefined, command: string): Promise<Pulse | undefined> {
  const open = await openPulses(pulses, collaborativeId);
  if (!pulseId && open.length > 1) throw new WhichPulseError(open, command);
  return pulseId ? open.find((p) => namesPulse(p, pulseId)) : open[0];
}

/**
 * The pulse a facilitator means: the one given by id or title, else the open survey pulse,
 * else the most recent one. NoPulseError when there is none at all; WhichPulseError when
 * several are open and none was named (`command` is what they typed, for the example).
 */
export async function currentPulse(pulses: PulseList, collaborativeId: string, pulseId?: string, command = 'pulse status'): Promise<Pulse> {
  // A cancelled pulse has no status, figures or results to show: it is never the current one.
  const all = (await pulses.list(collaborativeId)).filter((p) => p.kind === 'survey' && p.status !== 'draft' && p.status !== 'cancelled');
  const open = all.filter((p) => p.status === 'open');
  if (!pulseId && open.length > 1) throw new WhichPulseError(open, command);
  const pulse = pulseId ? all.find((p) => namesPulse(p, pulseId)) : (open[0] ?? all[0]);
  if (pulse) return pulse;
  throw new NoPulseError(
    pulseId ? 'That pulse could not be found. It may belong to another collaborative.' : 'There is no pulse yet. A facilitator can start one with "pulse start".',
    `no pulse ${pulseId ?? '(any)'} in ${collaborativeId}`,
  );
}

/**
 * The next pulse id: a sequence number within the collaborative plus a short digest of the
 * collaborative id, e.g. "p3-1a2b3c4d". The sequence makes two facilitators starting a pulse
 * at the same moment pick the same id, so storage lets only one of them create it; the
 * digest makes the id unique across collaboratives, so a card's pulse id finds its pulse.
 */
export function nextPulseId(collaborativeId: string, existing: readonly Pick<Pulse, 'id'>[]): string {
  const numbers = existing.map((p) => /^p(\d+)-/.exec(p.id)?.[1]).map(Number).filter(Number.isFinite);
  const next = Math.max(existing.length, ...numbers) + 1;
  return `p${next}-${createHash('sha256').update(collaborativeId).digest('hex').slice(0, 8)}`;
}

/** Workgroup names by id, retired groups included: past pulses still name them. */
export function workgroupNames(workgroups: readonly Workgroup[]): Map<string, string> {
  return new Map(workgroups.map((w) => [w.id, w.name]));
}

/** A pulse's target groups with their names, in pulse order (an unknown id shows as itself). */
export function pulseTargets(pulse: Pick<Pulse, 'targetWorkgroupIds'>, workgroups: readonly Workgroup[]): SurveyTarget[] {
  const names = workgroupNames(workgroups);
  return pulse.targetWorkgroupIds.map((id) => ({ id, name: names.get(id) ?? id }));
}

/** `{ selectedWorkgroupId }` when there is one to pre-select (exact optional properties). */
export function withSelection(workgroupId: string | undefined): { selectedWorkgroupId?: string } {
  return workgroupId ? { selectedWorkgroupId: workgroupId } : {};
}
