import { z } from 'zod';
import {
  allowedTenantIdsSchema,
  facilitatorIdsSchema,
  focalProcessSchema,
  kSchema,
  minItemsSchema,
  type Collaborative,
} from '../../domain/model/collaborative';
import { parseModel } from '../../domain/model/parse';
import { idSchema, nameSchema } from '../../domain/model/primitives';
import type { Versioned } from '../../storage/entity-table';
import { ConcurrencyError } from '../../storage/storage-errors';
import { recordAudit } from '../audit';
import type { SetupDeps } from './setup-context';
import { freeId, idFromName } from './setup-ids';

/** What a facilitator gives to create a collaborative; the contract's defaults fill the rest. */
export const createCollaborativeInputSchema = z.object({
  /** Optional: made from the name when absent. */
  id: idSchema.optional(),
  name: nameSchema,
  focalProcess: focalProcessSchema,
  k: kSchema.optional(),
  minItems: minItemsSchema.optional(),
  allowedTenantIds: allowedTenantIdsSchema.optional(),
  facilitatorIds: facilitatorIdsSchema.optional(),
});
export type CreateCollaborativeInput = z.input<typeof createCollaborativeInputSchema>;

/** How many "-2", "-3", ... suffixes are tried when an id made from the name is taken. */
const ID_ATTEMPTS = 20;

/**
 * Creates a collaborative: validate, choose its id (the one given, or one made from the
 * name that is not yet taken), save, record 'collaborative.created'. A given id that is
 * taken fails with ConcurrencyError('already_exists') and changes nothing.
 */
export async function createCollaborative(deps: SetupDeps, input: CreateCollaborativeInput): Promise<Versioned<Collaborative>> {
  const valid = parseModel(createCollaborativeInputSchema, input, 'collaborative');
  const { id: givenId, ...settings } = valid;
  const createdAt = deps.clock().toISOString();
  const base = givenId ?? idFromName(valid.name);
  const tried = new Set<string>();
  let created: Versioned<Collaborative> | undefined;
  while (!created) {
    const id = givenId ?? freeId(base, tried);
    tried.add(id);
    try {
      created = await deps.storage.collaboratives.create({ ...settings, id, createdAt });
    } catch (error) {
      const taken = error instanceof ConcurrencyError && error.code === 'already_exists';
      if (!taken || givenId !== undefined || tried.size >= ID_ATTEMPTS) throw error;
    }
  }
  const c = created.value;
  await recordAudit(deps, c.id, 'collaborative.created', c.id, {
    name: c.name,
    focalProcess: c.focalProcess,
    k: c.k,
    minItems: c.minItems,
    allowedTenantIds: c.allowedTenantIds,
    facilitatorIds: c.facilitatorIds,
  });
  return created;
}

