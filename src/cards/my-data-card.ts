import { adaptiveCard, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardElement, RichTextBlock } from './card-types';

/**
 * "my data": what RC Pulse keeps about the person asking, and what it never keeps, in plain
 * words. The promises here are the anonymity guarantees of the measurement contract.
 */

export interface MyDataView {
  displayName: string;
  /** Work e-mail address (UPN), when the roster has it. */
  email?: string;
  organisationName?: string;
  workgroupName?: string;
  isFacilitator: boolean;
  k: number;
  /** Whether the ledger says they have sent answers to the pulse open now; absent when none is open. */
  answeredOpenPulse?: boolean;
}

const bullet = (parts: (string | ReturnType<typeof run>)[]): RichTextBlock => plain(['• ', ...parts], { spacing: 'small' });

/** What RC Pulse stores about me, and what it never stores. */
export function myDataCard(view: MyDataView): AdaptiveCard {
  const bold = (value: string) => run(value, { weight: 'bolder' });
  const body: CardElement[] = [
    heading('Your data in RC Pulse'),
    text('What RC Pulse keeps about you', { weight: 'bolder', spacing: 'medium' }),
    view.email
      ? bullet(['Your name and work e-mail: ', bold(view.displayName), ', ', bold(view.email), '.'])
      : bullet(['Your name: ', bold(view.displayName), '.']),
    ...(view.organisationName ? [bullet(['Your organisation: ', bold(view.organisationName), '.'])] : []),
    view.workgroupName
      ? bullet(['Your workgroup on the collaborative\u2019s list: ', bold(view.workgroupName), '.'])
      : bullet(['Your workgroup, if the facilitators add it to the collaborative\u2019s list.']),
    bullet(['A link to this chat, so RC Pulse can send you survey cards and reminders.']),
    bullet([
      'For each pulse, whether you have started or finished. This is kept apart from your answers, under a code made ' +
        'from your Teams id, so we can remind people who have not answered and accept one set of answers each.',
    ]),
    ...(view.answeredOpenPulse === undefined
      ? []
      : [
          bullet([
            'For the pulse open now: ',
            bold(view.answeredOpenPulse ? 'you have sent your answers' : 'you have not sent answers yet'),
            view.answeredOpenPulse ? '. They are kept with nothing that links them to you.' : '.',
          ]),
        ]),
    bullet(['Unfinished answers while you are still answering, under the same code. They are removed when you submit.']),
    ...(view.isFacilitator
      ? [bullet(['As a facilitator: the changes you make to the set-up and the pulses you start or close, in a log.'])]
      : []),
    text('What RC Pulse never keeps', { weight: 'bolder', spacing: 'medium' }),
    bullet(['Your name, e-mail or Teams id next to your answers.']),
    bullet(['The time you answered: only the day is kept with answers.']),
    bullet([`Any figure from fewer than ${view.k} people: such figures are never shown to anyone.`]),
    bullet(['Anything about the people you care for.']),
    text('Questions about your data? Please ask your facilitator or your Trust\u2019s data protection officer.', {
      isSubtle: true,
      spacing: 'medium',
    }),
  ];
  return adaptiveCard(body);
}
