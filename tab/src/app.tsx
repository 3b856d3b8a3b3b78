import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import { ApiClient } from './api/api-client';
import { AppServicesContext, type AppServices } from './app-services';
import { pageFor } from './tab-pages';
import { isStageLayout } from './host/meeting';
import { signIn } from './host/sign-in';
import { connectHost, type Host, type HostTheme } from './host/teams-host';
import { fluentTheme } from './host/theme';
import { DevBanner } from './ui/dev-banner';
import { ErrorState, LoadingState } from './ui/states';
import { asApiError, type Load } from './ui/use-load';
import { ResultsPage } from './results/results-page';

// The configuration and personal pages are small and rarely opened: load them on demand so
// the results page (what most people open) starts with less JavaScript.
const ConfigPage = lazy(() => import('./config/config-page').then((m) => ({ default: m.ConfigPage })));
const MySurveysPage = lazy(() => import('./personal/my-surveys-page').then((m) => ({ default: m.MySurveysPage })));

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
});

/** Connects to Teams (or the browser), signs in, then shows the page the address asks for. */
export function App() {
  const styles = useStyles();
  const [theme, setTheme] = useState<HostTheme>('default');
  const [boot, setBoot] = useState<Load<AppServices>>({ status: 'loading' });
  const page = pageFor(window.location.pathname);

  useEffect(() => {
    let host: Host | undefined;
    connectHost()
      .then(async (connected) => {
        host = connected;
        setTheme(connected.theme);
        connected.onThemeChange(setTheme);
        const session = await signIn(connected);
        setBoot({ status: 'ready', data: { host: connected, session, api: new ApiClient(session.token) } });
      })
      .catch((err: unknown) => setBoot({ status: 'error', error: asApiError(err) }))
      // Teams keeps its own loading indicator until told; the tab now shows something itself.
      .finally(() => host?.loaded());
  }, []);

  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.root} data-theme={theme}>
      <main>
        {boot.status === 'loading' ? <LoadingState label="Signing you in…" /> : null}
        {boot.status === 'error' ? <ErrorState error={boot.error} title="RC Pulse could not start" /> : null}
        {boot.status === 'ready' ? (
          <AppServicesContext.Provider value={boot.data}>
            {boot.data.session.mode === 'development' && !isStageLayout() ? <DevBanner session={boot.data.session} /> : null}
            <Suspense fallback={<LoadingState label="Loading…" />}>
              {page === 'config' ? <ConfigPage /> : page === 'personal' ? <MySurveysPage /> : <ResultsPage />}
            </Suspense>
          </AppServicesContext.Provider>
        ) : null}
      </main>
    </FluentProvider>
  );
}
