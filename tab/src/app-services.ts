import { createContext, useContext } from 'react';
import type { ApiClient } from './api/api-client';
import type { Session } from './host/sign-in';
import type { Host } from './host/teams-host';

/** What every page needs: where it runs, who is signed in, and the API. */
export interface AppServices {
  host: Host;
  session: Session;
  api: ApiClient;
}

export const AppServicesContext = createContext<AppServices | null>(null);

/** The app's services; only pages rendered inside <App> call this. */
export function useServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('useServices must be used inside the app');
  return services;
}

/**
 * A link to another page of the tab that keeps the development sign-in (?as=) and an asked
 * theme (?theme=) of the current address, so following it changes nothing else.
 */
export function tabHref(path: string, params: Record<string, string> = {}): string {
  const here = new URLSearchParams(window.location.search);
  const query = new URLSearchParams(params);
  for (const keep of ['as', 'theme']) {
    const value = here.get(keep);
    if (value && !query.has(keep)) query.set(keep, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
