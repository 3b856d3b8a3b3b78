/* Pure: no DOM, so unit tests can check it against the app manifest. */

/** Which page the address asks for: /tab/config, /tab/personal, or the results (anything else). */
export type PageName = 'results' | 'config' | 'personal';

/** The page for a path under /tab/. */
export function pageFor(pathname: string): PageName {
  const page = pathname.replace(/^\/tab\/?/, '').replace(/\/$/, '');
  if (page === 'config') return 'config';
  if (page === 'personal') return 'personal';
  return 'results';
}
