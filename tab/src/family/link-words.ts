/* Pure: no DOM, so unit tests can check it. */
import { dayText } from '../../../src/contract/display-format';

/** One family link as the tab shows it (the server's FamilyLinkView). */
export interface FamilyLinkItem {
  linkId: string;
  url: string;
  expiresAt: string;
  used: boolean;
  qrSvg: string;
}

/** Where a link stands, in words: answered, expired, or open until a day. */
export function linkStatusText(link: Pick<FamilyLinkItem, 'used' | 'expiresAt'>, now: Date): string {
  if (link.used) return 'Used: the family has answered';
  const expires = dayText(link.expiresAt, true);
  return Date.parse(link.expiresAt) <= now.getTime() ? `Expired on ${expires}` : `Not used yet, expires on ${expires}`;
}

/** "Link 1 of 3": each link's name in lists, buttons and the QR image's alternative text. */
export function linkName(index: number, count: number): string {
  return `Link ${index + 1} of ${count}`;
}
