import { dayText } from '../contract/display-format';
import { DEFAULT_WINDOW_DAYS, MAX_FAMILY_LINKS, type TransitionType } from '../domain/model/transition';
import { REFERENCE_MAX_LENGTH } from '../domain/transition-reference';
import { adaptiveCard, errorNote, executeAction, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardElement, Choice, RichTextBlock, TextBlock } from './card-types';
import { roleInputId, type FormPerson, type PostTo, type TransitionFormField, type TransitionFormValues } from './transition-form-schema';

/**
 * The transition form, sent privately to whoever typed `transition start` with the staff
 * mentioned: the kind of transition, the team's reference, the role each person answers for
 * (pre-filled from the roster where known), the family links and the window. Starting sends
 * `transition.start`; a refusal shows the form again with what was typed and the reason.
 * Then the card that replaces it: the family links and who cannot be reached yet.
 */

/** The kinds of transition in plain words. */
export const TRANSITION_TYPE_WORDS: Readonly<Record<TransitionType, string>> = {
  admission: 'Admission',
  discharge: 'Discharge',
  transfer: 'Transfer between teams',
};

export interface TransitionFormView {
  collaborativeId: string;
  postTo: PostTo;
  /** The people mentioned, in order. */
  staff: readonly FormPerson[];
  /** The roles (workgroups) to choose from. */
  workgroups: readonly { id: string; name: string }[];
  /** What to show in the inputs: typed before, or pre-filled (roles from the roster). */
  values: TransitionFormValues;
  /** A note per field, after a refusal. */
  errors?: Partial<Record<TransitionFormField, string>>;
  /** A refusal that is about the whole form (too few staff, one role only), in plain words. */
  problem?: string;
  /** Names mentioned who are not on the collaborative's list, so could not be added. */
  notFound?: readonly string[];
}

const hint = (value: string): TextBlock => text(value, { isSubtle: true, size: 'small', spacing: 'small' });

/** A field's note as plain runs: a reason may quote what was typed. */
function note(view: TransitionFormView, key: TransitionFormField): RichTextBlock[] {
  const message = view.errors?.[key];
  return message ? [plain([run(message, { color: 'attention' })], { spacing: 'small' })] : [];
}

/** A role's name as a choice: every person's list repeats it, so long names are cut. */
const CHOICE_TITLE_CHARS = 60;

/**
 * The most a form card may weigh (JSON bytes): Teams refuses a card above about 28 KB, and each
 * person's list repeats every role. A form over it is not sent: the bot asks for fewer people.
 */
export const TRANSITION_FORM_MAX_BYTES = 24 * 1024;

/** True when the form card fits in one Teams message. */
export function formFits(card: AdaptiveCard): boolean {
  return new TextEncoder().encode(JSON.stringify(card)).length <= TRANSITION_FORM_MAX_BYTES;
}

function cut(name: string, chars = CHOICE_TITLE_CHARS): string {
  return name.length <= chars ? name : `${name.slice(0, chars - 1).trimEnd()}…`;
}

function roleInputs(view: TransitionFormView): CardElement[] {
  const choices: Choice[] = view.workgroups.map((w) => ({ title: cut(w.name), value: w.id }));
  return view.staff.flatMap((person, i) => {
    const chosen = view.values.roles[i];
    return [
      {
        type: 'Input.ChoiceSet' as const,
        id: roleInputId(i),
        label: `${cut(person.name)} answers for`,
        choices,
        style: 'compact' as const,
        placeholder: 'Choose a role or team',
        ...(chosen && view.workgroups.some((w) => w.id === chosen) ? { value: chosen } : {}),
        isRequired: true,
        errorMessage: 'Please choose a role or team.',
        spacing: 'small' as const,
      },
      ...note(view, roleInputId(i)),
    ];
  });
}

/** The form, filled with what was typed (or the defaults and the roster's roles). */
export function transitionFormCard(view: TransitionFormView): AdaptiveCard {
  const { values } = view;
  const refused = Boolean(view.problem) || Object.keys(view.errors ?? {}).length > 0;
  const body: CardElement[] = [
    heading('Start a transition check'),
    text(
      'Each member of staff you mentioned will be asked, in their own chat with RC Pulse, how the other roles around this family work with them. ' +
        'The family answers through a link on their phone. Figures appear when the check closes, for roles, never for individuals.',
    ),
    ...(refused ? [errorNote('Nothing has been saved yet: please see the notes below.', 'medium')] : []),
    ...(view.problem ? [plain([run(view.problem, { color: 'attention' })], { spacing: 'small' })] : []),
    ...(view.notFound && view.notFound.length > 0
      ? [plain([run('Not on the collaborative’s list, so not added: ', { color: 'attention' }), run(view.notFound.join(', '), { color: 'attention' })], { spacing: 'small' })]
      : []),
    {
      type: 'Input.ChoiceSet',
      id: 'transitionType',
      label: 'Kind of transition',
      choices: (Object.keys(TRANSITION_TYPE_WORDS) as TransitionType[]).map((t) => ({ title: TRANSITION_TYPE_WORDS[t], value: t })),
      style: 'compact',
      placeholder: 'Choose one',
      ...(values.transitionType && values.transitionType in TRANSITION_TYPE_WORDS ? { value: values.transitionType } : {}),
      isRequired: true,
      errorMessage: 'Please choose the kind of transition.',
      spacing: 'medium',
    },
    ...note(view, 'transitionType'),
    {
      type: 'Input.Text',
      id: 'reference',
      label: 'A reference your team chooses',
      placeholder: 'for example: MBU admission 14',
      value: values.reference,
      maxLength: REFERENCE_MAX_LENGTH,
      isRequired: true,
      errorMessage: 'Please give a reference your team chooses.',
      spacing: 'medium',
    },
    hint('Never a name, NHS number, e-mail address, date of birth or phone number: RC Pulse refuses them, and never stores anything that identifies a family.'),
    ...note(view, 'reference'),
    text('The role each person answers for', { weight: 'bolder', spacing: 'medium' }),
    ...roleInputs(view),
    {
      type: 'Input.Number',
      id: 'familyLinks',
      label: `Family links (0 to ${MAX_FAMILY_LINKS})`,
      min: 0,
      max: MAX_FAMILY_LINKS,
      value: values.familyLinks ?? 1,
      spacing: 'medium',
    },
    hint('One link for each family member who will answer: the mother, a partner, another carer. 0 if the family would rather not.'),
    ...note(view, 'familyLinks'),
    {
      type: 'Input.Number',
      id: 'windowDays',
      label: 'Days the check stays open (1 to 28)',
      min: 1,
      max: 28,
      value: values.windowDays ?? DEFAULT_WINDOW_DAYS,
      spacing: 'medium',
    },
    hint('It closes sooner if everyone answers.'),
    ...note(view, 'windowDays'),
  ];
  const carried = { collaborativeId: view.collaborativeId, postTo: view.postTo, staff: view.staff.map((p) => p.aadObjectId) };
  return adaptiveCard(body, [executeAction('Start the check', 'transition.start', carried, { style: 'positive' })]);
}

/** What the starter sees once the check has started. */
export interface TransitionStartedView {
  type: TransitionType;
  reference: string;
  /** The family links to pass on (their QR codes are in the tab). */
  links: readonly { url: string; expiresAt: string }[];
  /** Staff who cannot be reached yet: they have not added RC Pulse in Teams. */
  unreachable: readonly string[];
  postedIn: PostTo;
  closesAt: string;
}

/** The form's place after a start: the links to give the family, and who cannot be reached yet. */
export function transitionStartedCard(view: TransitionStartedView): AdaptiveCard {
  const where = view.postedIn === 'channel' ? 'in the channel' : 'in this chat';
  const body: CardElement[] = [
    heading('The transition check has started'),
    plain([`${TRANSITION_TYPE_WORDS[view.type]}: `, run(view.reference, { weight: 'bolder' })], { spacing: 'none' }),
    text(`It closes on ${dayText(view.closesAt)}, or sooner if everyone answers. Its card ${where} shows how many have answered, never who.`, { spacing: 'small' }),
  ];
  if (view.links.length > 0) {
    body.push(text(view.links.length === 1 ? 'The family’s link' : 'The family’s links, one for each person', { weight: 'bolder', spacing: 'medium' }));
    body.push(
      ...view.links.map((l) => plain([run(l.url, { fontType: 'monospace' }), run(` (works once, until ${dayText(l.expiresAt)})`, { isSubtle: true })], { spacing: 'small' })),
    );
    body.push(hint('Each link works once. The QR codes are in the RC Pulse tab, to show on a phone or print. Please pass them on in person or by a message the family expects.'));
  } else {
    body.push(text('No family links were made.', { spacing: 'medium', isSubtle: true }));
  }
  if (view.unreachable.length > 0) {
    body.push(text('Not reachable yet', { weight: 'bolder', spacing: 'medium' }));
    body.push(plain([view.unreachable.join(', ')], { spacing: 'small' }));
    body.push(hint('They need RC Pulse in Teams, in the team or in a chat with it. They will be asked as soon as they add it.'));
  }
  return adaptiveCard(body);
}
