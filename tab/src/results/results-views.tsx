import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CollaborativeResponse, FinalResults, PulseSummary } from '../../../src/contract/api-contract';
import { ChangeView } from '../views/change-view';
import { DimensionsView } from '../views/dimensions-view';
import { OverviewView } from '../views/overview-view';
import { RatesView } from '../views/rates-view';
import { TieMatrixView } from '../views/tie-matrix-view';
import { TrendView } from '../views/trend-view';
import { RcMapView } from '../map/rc-map-view';
import { TooFewAnswers } from './too-few-answers';

/** The seven views of a pulse, in the order a sense-making session usually takes them. */
export const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'map', label: 'RC map' },
  { id: 'matrix', label: 'Tie matrix' },
  { id: 'dimensions', label: 'Dimensions' },
  { id: 'change', label: 'Change' },
  { id: 'trend', label: 'Trend' },
  { id: 'rates', label: 'Response rates' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

const useStyles = makeStyles({
  tabs: { marginBottom: tokens.spacingVerticalM, flexWrap: 'wrap' },
  panel: { paddingTop: tokens.spacingVerticalS },
});

function viewFromHash(): ViewId {
  // A view may keep its own choice after a '?' (the Trend keeps the figure it follows).
  const id = window.location.hash.replace(/^#/, '').split('?', 1)[0];
  return VIEWS.find((v) => v.id === id)?.id ?? 'overview';
}

export interface ResultsViewsProps {
  collaborative: CollaborativeResponse;
  pulses: PulseSummary[];
  /** A closed pulse's final results (an open pulse shows its progress instead: see PulseProgress). */
  results: FinalResults;
}

/**
 * The view switcher (a tab list: arrow keys move between views, Enter or Space opens one)
 * and the open view. The open view is kept in the address (#map), so a link or a reload
 * comes back to it.
 */
export function ResultsViews({ collaborative, pulses, results }: ResultsViewsProps) {
  const styles = useStyles();
  const [view, setView] = useState<ViewId>(viewFromHash);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const open = (id: ViewId) => {
    setView(id);
    window.history.replaceState(null, '', `#${id}`);
  };
  const k = results.method.k;
  const needsFigures = view !== 'rates';
  return (
    <>
      <TabList className={styles.tabs} selectedValue={view} onTabSelect={(_, data) => open(data.value as ViewId)} aria-label="Views of this pulse">
        {VIEWS.map((v) => (
          <Tab key={v.id} id={`view-tab-${v.id}`} value={v.id} aria-controls={`view-panel-${v.id}`}>
            {v.label}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id={`view-panel-${view}`} aria-labelledby={`view-tab-${view}`} className={styles.panel} data-view={view}>
        {needsFigures && results.state === 'no_figures' ? <TooFewAnswers results={results} /> : null}
        {results.state === 'figures' && view === 'overview' ? <OverviewView collaborative={collaborative} results={results} /> : null}
        {results.state === 'figures' && view === 'map' ? <RcMapView results={results} /> : null}
        {results.state === 'figures' && view === 'matrix' ? <TieMatrixView results={results} /> : null}
        {results.state === 'figures' && view === 'dimensions' ? <DimensionsView results={results} /> : null}
        {results.state === 'figures' && view === 'change' ? <ChangeView collaborative={collaborative} pulses={pulses} results={results} /> : null}
        {results.state === 'figures' && view === 'trend' ? <TrendView collaborative={collaborative} results={results} /> : null}
        {view === 'rates' ? <RatesView rates={results.responseRates} k={k} /> : null}
      </div>
    </>
  );
}
