import type { CardActionData } from '../../cards/card-verbs';
import type { SetupView } from '../../cards/setup-card';
import type { SetupField } from '../../cards/setup-form-schema';
import { ValidationError } from '../../domain/errors';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Versioned } from '../../storage/entity-table';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import type { Actor, Clock } from '../ports';
import { setWorkgroups } from '../setup/set-workgroups';
import type { SetupStorage } from '../setup/setup-context';
import { updateCollaborativeSettings } from '../setup/update-collaborative-settings';

/**
 * The set-up card in Teams: show a collaborative's set-up to a facilitator, and save what
 * they changed on the card through the set-up use-cases (settings with the ETag the card
 * was drawn from, then the workgroup list). Facilitators are typed as e-mail addresses but
 * stored as Entra object ids, so each address must be someone on the list Teams has seen.
 */

export interface SetupCardDeps {
  storage: SetupStorage & Pick<Storage, 'members'>;
  clock: Clock;
}

const TASK = 'change the set-up';

async function facilitatorAddresses(deps: SetupCardDeps, c: Collaborative): Promise<string[]> {
  const rows = await Promise.all(c.facilitatorIds.map((id) => deps.storage.members.findByAadObjectId(c.id, id)));
  return rows.flatMap((r) => {
    const address = r?.value.email ?? r?.value.upn;
    return address ? [address] : [];
  });
}

async function viewOf(deps: SetupCardDeps, current: Versioned<Collaborative>, extra: Partial<SetupView> = {}): Promise<SetupView> {
  const c = current.value;
  const workgroups = (await deps.storage.workgroups.list(c.id)).filter((w) => w.retiredAt === undefined).map((w) => w.name);
  return {
    collaborativeId: c.id,
    collaborativeName: c.name,
    revision: current.etag,
    focalProcess: c.focalProcess,
    workgroups,
    k: c.k,
    minItems: c.minItems,
    facilitators: await facilitatorAddresses(deps, c),
    ...extra,
  };
}

/** The set-up card's view for a facilitator (anyone else is refused kindly). */
export async function showSetup(deps: SetupCardDeps, actor: Actor, collaborativeId: string): Promise<SetupView> {
  const current = await deps.storage.collaboratives.get(collaborativeId);
  await assertFacilitator(deps.storage.members, current.value, actor, TASK);
  return viewOf(deps, current);
}

/**
 * The Entra object ids of the addresses typed, or a note naming the first that cannot be
 * a facilitator. Facilitators whose rows have no address are kept: the card could not show
 * them, so leaving them off it must not remove them.
 */
async function facilitatorIds(deps: SetupCardDeps, c: Collaborative, addresses: readonly string[]): Promise<{ ids: string[] } | { error: string }> {
  const ids: string[] = [];
  for (const address of addresses) {
    const member = (await deps.storage.members.findByUpnOrEmail(c.id, address))?.value;
    if (!member) return { error: `${address} is not on the collaborative's list yet. Please add them to the roster first.` };
    if (!member.aadObjectId) return { error: `${address} has not used RC Pulse in Teams yet, so they cannot be a facilitator until they have.` };
    ids.push(member.aadObjectId);
  }
  const shown = await Promise.all(c.facilitatorIds.map((id) => deps.storage.members.findByAadObjectId(c.id, id)));
  const hidden = c.facilitatorIds.filter((_, i) => !(shown[i]?.value.email ?? shown[i]?.value.upn));
  return { ids: [...new Set([...ids, ...hidden])] };
}

/**
 * Saves the set-up card: facilitators only. Returns the card's next view: saved, or the
 * typed values with a note by the field to fix (nothing saved then). Someone else saving
 * since the card was drawn fails with ConcurrencyError (nothing of this card saved).
 */
export async function saveSetup(deps: SetupCardDeps, actor: Actor, data: CardActionData<'setup.save'>): Promise<SetupView> {
  const current = await deps.storage.collaboratives.get(data.collaborativeId);
  await assertFacilitator(deps.storage.members, current.value, actor, TASK);
  const typed = { focalProcess: data.focalProcess, workgroups: data.workgroups, k: data.k, minItems: data.minItems, facilitators: data.facilitators };
  const withErrors = (errors: Partial<Record<SetupField, string>>): SetupView => ({
    collaborativeId: current.value.id,
    collaborativeName: current.value.name,
    revision: data.revision ?? current.etag,
    ...typed,
    errors,
  });

  const facilitators = await facilitatorIds(deps, current.value, data.facilitators);
  if ('error' in facilitators) return withErrors({ facilitators: facilitators.error });
  const setupDeps = { storage: deps.storage, clock: deps.clock, actor: { id: actor.aadObjectId, ...(actor.displayName ? { name: actor.displayName } : {}) } };
  const { collaborative } = await updateCollaborativeSettings(setupDeps, {
    collaborativeId: current.value.id,
    ...(data.revision ? { etag: data.revision } : {}),
    focalProcess: data.focalProcess,
    k: data.k,
    minItems: data.minItems,
    facilitatorIds: facilitators.ids,
  });
  try {
    await setWorkgroups(setupDeps, { collaborativeId: current.value.id, workgroups: data.workgroups.map((name) => ({ name })) });
  } catch (error) {
    if (error instanceof ValidationError) return { ...withErrors({ workgroups: error.userMessage }), revision: collaborative.etag };
    throw error;
  }
  return viewOf(deps, collaborative, { saved: true });
}
