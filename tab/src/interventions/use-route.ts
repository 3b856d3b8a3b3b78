import { useEffect, useState } from 'react';
import { routeFromHash, type Route } from './iv-route';

/** The route in the address's hash, kept current as the hash changes (links, Back, Forward). */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

/** Goes to a hash (a new history entry, so Back returns). */
export function go(hash: string): void {
  window.location.hash = hash;
}
