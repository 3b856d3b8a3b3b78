import { z } from 'zod';
import {
  allowedTenantIdsSchema,
  facilitatorIdsSchema,
  familyRetentionMonthsSchema,
  focalProcessSchema,
  kSchema,
  minItemsSchema,
  type Collaborative,
} from '../../domain/model/collaborative';
import { instrumentSchema, type Instrument } from '../../domain/instrument';
import { parseModel } from '../../domain/model/parse';
import { idSchema } from '../../domain/model/primitives';
import type { Versioned } from '../../storage/entity-table';
import { recordAudit } from '../audit';
import { loadCollaborative, type SetupDeps } from './setup-context';

const SETTINGS = ['focalProcess', 'k', 'minItems', 'facilitatorIds', 'allowedTenantIds', 'instrument', 'interventionDigest', 'familyRetentionMonths'] as const;
type Setting = (typeof SETTINGS)[number];

/** A change of a collaborative's settings: only the settings given change. */
export const settingsChangeSchema = z
  .object({
    collaborativeId: idSchema,
    /**
     * The ETag of the version the person saw (e.g. the set-up card they edited). When given,
     * the change is refused if anyone saved a change since; when absent, the current
     * version is read and changed, still guarded against an edit in between.
     */
    etag: z.string().min(1).max(200).optional(),
    focalProcess: focalProcessSchema.optional(),
    k: kSchema.optional(),
    minItems: minItemsSchema.optional(),
    facilitatorIds: facilitatorIdsSchema.optional(),
    allowedTenantIds: allowedTenantIdsSchema.optional(),
    /** The item wording: the collaborative's licensed RC Survey wording, or the published default. */
    instrument: instrumentSchema.optional(),
    /** Whether the weekly interventions digest is posted in the channel. */
    interventionDigest: z.boolean().optional(),
    /** Months a transition check's family answers and links are kept after it closes. */
    familyRetentionMonths: familyRetentionMonthsSchema.optional(),
  })
  .refine((c) => SETTINGS.some((s) => c[s] !== undefined), {
    message: 'give at least one setting to change: focal process, k, minItems, facilitators, tenants, instrument, the interventions digest or the family retention period',
  });
export type SettingsChange = z.input<typeof settingsChangeSchema>;

const instrumentLabel = (i: Instrument) => `${i.id} (${i.name})`;

export interface SettingsResult {
  collaborative: Versioned<Collaborative>;
  /** The settings that really changed (empty when the values were already so). */
  changed: Setting[];
}

/**
 * Changes a collaborative's settings (focal process, k, minItems, facilitators, allowed
 * tenants, instrument): validate, load, save with the ETag, record 'collaborative.settings_changed' with
 * each setting's old and new value. Of two people editing at once, one wins and the other
 * gets ConcurrencyError ('concurrent_update'), nothing of theirs saved. Saving values that
 * are already so writes nothing and records nothing.
 */
export async function updateCollaborativeSettings(deps: SetupDeps, change: SettingsChange): Promise<SettingsResult> {
  const valid = parseModel(settingsChangeSchema, change, 'settings');
  const current = await loadCollaborative(deps.storage, valid.collaborativeId);
  const before = current.value;
  const next: Collaborative = { ...before };
  const changed: Setting[] = [];
  const details: Record<string, { from: unknown; to: unknown }> = {};
  for (const setting of SETTINGS) {
    const value = valid[setting];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(before[setting])) continue;
    (next as Record<Setting, unknown>)[setting] = value;
    changed.push(setting);
    // The audit keeps which instrument, not dozens of lines of its wording.
    details[setting] = setting === 'instrument' ? { from: instrumentLabel(before.instrument), to: instrumentLabel(valid.instrument!) } : { from: before[setting], to: value };
  }
  if (changed.length === 0 && (valid.etag === undefined || valid.etag === current.etag)) {
    return { collaborative: current, changed };
  }
  // The ETag the person saw, not the one just read: a change saved since they looked fails.
  const saved = await deps.storage.collaboratives.update({ value: before, etag: valid.etag ?? current.etag }, next);
  if (changed.length > 0) await recordAudit(deps, before.id, 'collaborative.settings_changed', before.id, details);
  return { collaborative: saved, changed };
}
