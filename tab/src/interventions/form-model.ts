/* Pure: no DOM, so unit tests can check it. */
import type { ApiDimension } from '../../../src/contract/api-contract';
import {
  CATALOGUE,
  interventionCreateSchema,
  interventionPatchSchema,
  type InterventionBody,
  type InterventionCreateBody,
  type InterventionPatchBody,
  type InterventionStatusBody,
} from '../../../src/contract/interventions-contract';
import type { InterventionKind } from '../../../src/domain/intervention-catalogue';
import type { Prefill } from './iv-route';

/**
 * The create and edit form as plain data: what it starts from, the body it sends (checked
 * with the same zod schema the server applies, so a person sees what to fix before sending),
 * and how an edit that lost a race is reapplied on top of the other person's version.
 */

export interface FormState {
  title: string;
  description: string;
  kind: InterventionKind;
  /** '' when it follows no catalogue entry. */
  catalogueId: string;
  ties: { from: string; to: string }[];
  dimensions: ApiDimension[];
  ownerIds: string[];
  /** 'YYYY-MM-DD' or ''. */
  startOn: string;
  dueOn: string;
  status: InterventionStatusBody;
  pulseId: string;
  /** An edit's note for the log ('' for none). */
  note: string;
}

/** Field -> what to fix, in the schema's own words. */
export type FormErrors = Partial<Record<keyof FormState | 'form', string>>;

/** A new intervention's form, filled in from "Plan an intervention" when it came from one. */
export function newForm(prefill: Prefill): FormState {
  const entry = CATALOGUE.find((c) => c.id === prefill.catalogueId);
  return {
    title: entry?.title ?? '',
    description: entry?.description ?? '',
    kind: entry?.kind ?? 'relational',
    catalogueId: entry?.id ?? '',
    ties: prefill.ties.map((t) => ({ ...t })),
    dimensions: [...prefill.dimensions],
    ownerIds: [],
    startOn: '',
    dueOn: '',
    status: 'proposed',
    pulseId: prefill.pulseId ?? '',
    note: '',
  };
}

/** The form for editing a stored intervention. */
export function formOf(iv: InterventionBody): FormState {
  return {
    title: iv.title,
    description: iv.description,
    kind: iv.kind,
    catalogueId: iv.catalogueId ?? '',
    ties: iv.ties.map((t) => ({ from: t.from, to: t.to })),
    dimensions: [...iv.dimensions],
    ownerIds: iv.owners.map((o) => o.id),
    startOn: iv.startOn ?? '',
    dueOn: iv.dueOn ?? '',
    status: iv.status,
    pulseId: iv.pulseId ?? '',
    note: '',
  };
}

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const field = (typeof issue.path[0] === 'string' ? issue.path[0] : 'form') as keyof FormErrors;
    errors[field] ??= issue.message;
  }
  return errors;
}

const opt = (value: string) => (value === '' ? undefined : value);

/** The body that records it, or what to fix. Only a proposed or agreed intervention can be recorded. */
export function createBody(s: FormState): { body: InterventionCreateBody } | { errors: FormErrors } {
  const body = {
    title: s.title,
    description: s.description,
    kind: s.kind,
    ...(opt(s.catalogueId) ? { catalogueId: s.catalogueId } : {}),
    ties: s.ties,
    dimensions: s.dimensions,
    ownerIds: s.ownerIds,
    ...(opt(s.startOn) ? { startOn: s.startOn } : {}),
    ...(opt(s.dueOn) ? { dueOn: s.dueOn } : {}),
    ...(opt(s.pulseId) ? { pulseId: s.pulseId } : {}),
    status: s.status === 'agreed' ? ('agreed' as const) : ('proposed' as const),
  };
  const checked = interventionCreateSchema.safeParse(body);
  return checked.success ? { body } : { errors: issuesOf(checked.error) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sorted = <T>(xs: readonly T[]) => [...xs].map(String).sort();

/** The fields of `s` that differ from `base`, as an edit body (null clears an optional field). */
function changes(base: FormState, s: FormState): InterventionPatchBody {
  const patch: InterventionPatchBody = {};
  if (s.title !== base.title) patch.title = s.title;
  if (s.description !== base.description) patch.description = s.description;
  if (s.kind !== base.kind) patch.kind = s.kind;
  if (s.catalogueId !== base.catalogueId) patch.catalogueId = opt(s.catalogueId) ?? null;
  if (!same(s.ties, base.ties)) patch.ties = s.ties;
  if (!same(sorted(s.dimensions), sorted(base.dimensions))) patch.dimensions = s.dimensions;
  if (!same(sorted(s.ownerIds), sorted(base.ownerIds))) patch.ownerIds = s.ownerIds;
  if (s.startOn !== base.startOn) patch.startOn = opt(s.startOn) ?? null;
  if (s.dueOn !== base.dueOn) patch.dueOn = opt(s.dueOn) ?? null;
  if (s.pulseId !== base.pulseId) patch.pulseId = opt(s.pulseId) ?? null;
  if (s.status !== base.status) patch.status = s.status;
  if (s.note.trim() !== '') patch.note = s.note;
  return patch;
}

/** The edit body (only what changed), nothing when nothing changed, or what to fix. */
export function patchBody(base: FormState, s: FormState): { body: InterventionPatchBody } | { errors: FormErrors } | { unchanged: true } {
  const body = changes(base, s);
  if (Object.keys(body).length === 0) return { unchanged: true };
  const checked = interventionPatchSchema.safeParse(body);
  return checked.success ? { body } : { errors: issuesOf(checked.error) };
}

/**
 * After a 409: the other person's version with this person's own changes put back on top
 * (only the fields they changed), to look over and save again from the new version.
 */
export function reapply(base: FormState, mine: FormState, theirs: InterventionBody): FormState {
  const next = { ...formOf(theirs), note: mine.note };
  const patch = changes(base, mine);
  const put = <K extends keyof FormState>(key: K, changed: boolean) => {
    if (changed) next[key] = mine[key];
  };
  put('title', patch.title !== undefined);
  put('description', patch.description !== undefined);
  put('kind', patch.kind !== undefined);
  put('catalogueId', patch.catalogueId !== undefined);
  put('ties', patch.ties !== undefined);
  put('dimensions', patch.dimensions !== undefined);
  put('ownerIds', patch.ownerIds !== undefined);
  put('startOn', patch.startOn !== undefined);
  put('dueOn', patch.dueOn !== undefined);
  put('pulseId', patch.pulseId !== undefined);
  // A status move is only reapplied when it is still a legal move from their status.
  if (patch.status !== undefined && theirs.nextStatuses.includes(mine.status)) next.status = mine.status;
  return next;
}
