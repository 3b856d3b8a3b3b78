import { adaptiveCard, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard } from './card-types';

/**
 * Posted in the collaborative's channel when a Teams account matched someone on the list by
 * e-mail address or user name but is not the account already linked to them. Both names come
 * from outside (Teams, the roster), so they are plain runs, never markdown.
 */

export interface IdentityConflictView {
  /** The name on the collaborative's list. */
  listName: string;
  /** The name Teams gave the account that was not linked, when it gave one. */
  accountName?: string;
}

/** "A Teams account was not linked to the list": what happened, that nothing changed, and what to check. */
export function identityConflictCard(view: IdentityConflictView): AdaptiveCard {
  const bold = (value: string) => run(value, { weight: 'bolder' });
  return adaptiveCard([
    heading('For the facilitators: a Teams account was not linked to the list'),
    plain([
      'A Teams account',
      ...(view.accountName ? [' (', bold(view.accountName), ')'] : []),
      ' has the same e-mail address or user name as ',
      bold(view.listName),
      ' on the collaborative\u2019s list, but ',
      bold(view.listName),
      ' is already linked to a different Teams account.',
    ]),
    text('Nothing was changed: their survey cards still go to the account already linked, and the other account was not added.', {
      spacing: 'small',
    }),
    text(
      'If this is the same person with a new Teams account, please ask whoever manages RC Pulse to update the list. ' +
        'If you do not recognise the account, please tell your information governance team.',
      { spacing: 'small' },
    ),
  ]);
}
