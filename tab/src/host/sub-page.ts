/* Pure: no DOM, so unit tests can check it. */

/**
 * The address hash a Teams deep link asks for. A link into the tab (a card's "Plan" button,
 * for instance) cannot carry a hash through Teams: it carries the tab's place as the
 * context's subEntityId, which the tab receives as `page.subPageId`. The hash the address
 * already has wins (Teams keeps it across reloads); anything that is not a plain route (a
 * path of letters, digits, '-', '_', '/', and a query) is ignored, as the route parsers would.
 */
export function hashForSubPage(subPageId: string | undefined, currentHash: string): string | undefined {
  if (!subPageId || currentHash.replace(/^#/, '') !== '') return undefined;
  const wanted = subPageId.replace(/^#/, '');
  return /^[A-Za-z0-9_\-/]{1,200}(\?[A-Za-z0-9_\-.,=&%]{0,800})?$/.test(wanted) ? `#${wanted}` : undefined;
}
