import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-client';

/** Where a piece of data is: still coming, here, or failed with a message a person can act on. */
export type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: ApiError };

/** Any failure as an ApiError, so every error state has the same kind words to show. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'unexpected', 'Something went wrong in this tab. Please reload it; if it keeps happening, tell your facilitator.');
}

/**
 * Runs `load` when the dependencies change and tracks its state; the second value runs it
 * again (the "Try again" buttons). A result that arrives after the dependencies changed is
 * dropped, so a quick switch between pulses never shows the wrong pulse's figures.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The caller names what `load` depends on, as with useEffect.
  const stable = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    stable().then(
      (data) => current && setState({ status: 'ready', data }),
      (err: unknown) => current && setState({ status: 'error', error: asApiError(err) }),
    );
    return () => {
      current = false;
    };
  }, [stable, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
