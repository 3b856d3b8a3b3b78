import { familyWording } from '../../domain/family-wording';
import { readFamilyForm } from '../../domain/family-form';
import { FAMILIES_WORKGROUP_ID } from '../../domain/model/family';
import { familyRespondentId } from '../../domain/model/family-link';
import { AlreadySubmittedError } from '../../domain/model/ledger-entry';
import { dayOf } from '../../domain/model/primitives';
import type { Response } from '../../domain/model/response';
import { AnswersClosedError } from '../../storage/submission-intake';
import { familyMessage, openLink, sectionsOf, type FamilyPageDeps, type FamilyPageView } from './family-page';

/**
 * A family sends its answers from the family page. In order: the link's signature (a changed
 * link is turned away before anything is read), the link (never issued: "does not work"; run
 * out: "too old"), the pulse open, the form read; then ONE submit transaction stores the
 * answers in the pending area and the link's ledger row (the respondent key of
 * `family-link:<linkId>`), only if that row is absent. So a link works once across every
 * instance, and a second send, even at the same moment, stores nothing.
 *
 * The stored response carries the families' workgroup, the ratings, the day and the sharing
 * choice: never the link id, the respondent key or the time.
 */
export async function submitFamilyAnswers(
  deps: FamilyPageDeps,
  token: string,
  fields: Readonly<Record<string, readonly string[]>>,
  language?: string,
): Promise<FamilyPageView> {
  const opened = await openLink(deps, token);
  if ('page' in opened) return familyMessage(opened.page, language);
  const { link, pulse } = opened;
  const sections = await sectionsOf(deps, pulse);
  const form = readFamilyForm(fields, sections.map((s) => s.targetId));
  if (form.kind === 'unreadable') return familyMessage('unreadable', language);
  if (form.kind === 'no_sharing') {
    return { kind: 'form', wording: familyWording(language), sections, answers: form.ratings, missingSharing: true };
  }
  const scope = { collaborativeId: link.collaborativeId, pulseId: link.pulseId };
  const response: Response = {
    ...scope,
    respondentWorkgroupId: FAMILIES_WORKGROUP_ID,
    ratings: form.ratings,
    day: dayOf(deps.clock()),
    familySharing: form.sharing,
  };
  try {
    await deps.submissions.submit({ ...scope, respondentKey: deps.respondentKey(scope, familyRespondentId(link.linkId)) }, response);
  } catch (error) {
    if (error instanceof AlreadySubmittedError) return familyMessage('used', language);
    if (error instanceof AnswersClosedError) return familyMessage('closed', language);
    throw error;
  }
  return familyMessage('thanks', language);
}
