import { Body1, Button, Text, Title2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import { useServices } from '../app-services';
import { hashOf } from '../interventions/iv-route';
import { BandBadge } from '../ui/band-badge';
import { useCardStyles } from '../ui/card-styles';
import { dateText, suppressedText, twoDecimals } from '../ui/figure-format';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useTableStyles } from '../ui/table-styles';
import { useLoad } from '../ui/use-load';
import { transitionApi, type TransitionsSummary } from './transition-api';
import { TYPE_LABELS, allTypes, shownPoints, weakShareText } from './transition-summary';
import { TeamRcChart } from './team-rc-chart';

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM },
  help: { maxWidth: '52rem', margin: `0 0 ${tokens.spacingVerticalL}` },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(14rem, 100%), 1fr))', gap: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalL },
  big: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  heading: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  table: { minWidth: 'auto' },
});

/** The start button (every member may try; the server decides who may start, and says why not). */
function StartButton() {
  return <Button as="a" href={hashOf({ page: 'transition-new' })} appearance="primary" icon={<AddRegular />} data-action="start-transition">Start a transition check</Button>;
}

/** No check yet: what a transition check is, and the two ways to start one. */
function NoChecksYet() {
  return (
    <NoticeState title="No transition checks yet" state="no-transitions" actions={<StartButton />}>
      <p>
        A transition check is a quick look at how the team around one mother and baby is working together at an admission, a discharge or a transfer
        between teams. The staff involved each answer a short anonymous card in Teams; team RC is shown here once the check closes.
      </p>
      <p>
        To start one, type <strong>transition start</strong> to RC Pulse in the collaborative&apos;s channel and @mention the staff involved, or use the form.
        Give the check a reference your team chooses, never a name or an NHS number.
      </p>
    </NoticeState>
  );
}

function SummaryCards({ summary }: { summary: TransitionsSummary }) {
  const styles = useStyles();
  const card = useCardStyles();
  const all = allTypes(summary.byType);
  return (
    <div className={styles.grid}>
      <section className={card.card} aria-label="Transition checks" data-figure="checks">
        <h3 className={card.title}>Transition checks</h3>
        <span className={styles.big} data-part="count">{summary.total}</span>
        <Text>{`${summary.closed} closed, ${summary.open} still open`}</Text>
      </section>
      <section className={card.card} aria-label="Weak team RC" data-figure="weak-share">
        <h3 className={card.title}>Weak team RC</h3>
        <span className={all.weakShare === null ? undefined : styles.big} data-part="weak-share">{all.weakShare === null ? 'None with a figure yet' : `${Math.round(all.weakShare * 100)}%`}</span>
        <Text>{all.weakShare === null ? 'Figures appear when a check closes.' : `${all.weak} of the ${all.withTeamRc} closed checks with a figure`}</Text>
      </section>
    </div>
  );
}

function ByTypeTable({ summary }: { summary: TransitionsSummary }) {
  const t = useTableStyles();
  const styles = useStyles();
  const rows = [...summary.byType.map((r) => ({ ...r, label: TYPE_LABELS[r.type], key: r.type as string })), { ...allTypes(summary.byType), closed: summary.closed, label: 'All types', key: 'all' }];
  return (
    <div className={t.wrap} role="region" aria-label="Checks by type" tabIndex={0}>
      <table className={mergeClasses(t.table, styles.table)} data-part="by-type">
        <caption className={t.caption}>By type of transition</caption>
        <thead>
          <tr>
            <th scope="col" className={t.th}>Type</th>
            <th scope="col" className={mergeClasses(t.th, t.number)}>Checks</th>
            <th scope="col" className={mergeClasses(t.th, t.number)}>Closed</th>
            <th scope="col" className={t.th}>Weak team RC</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.key === 'all' ? t.group : undefined} data-type={r.key}>
              <th scope="row" className={mergeClasses(t.rowHead, t.td)}>{r.label}</th>
              <td className={mergeClasses(t.td, t.number)} data-part="checks">{r.checks}</td>
              <td className={mergeClasses(t.td, t.number)} data-part="closed">{r.closed}</td>
              <td className={t.td} data-part="weak">{weakShareText(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Closed checks, newest first: when, which type, team RC. No reference: this page is for everyone. */
function ClosedTable({ summary }: { summary: TransitionsSummary }) {
  const t = useTableStyles();
  const styles = useStyles();
  if (summary.overTime.length === 0) return null;
  const newestFirst = summary.overTime.map((c, i) => ({ ...c, key: i })).reverse();
  return (
    <div className={t.wrap} role="region" aria-label="Team RC of each closed check" tabIndex={0}>
      <table className={mergeClasses(t.table, styles.table)} data-part="closed-checks">
        <caption className={t.caption}>Team RC of each closed check</caption>
        <thead>
          <tr>
            <th scope="col" className={t.th}>Closed on</th>
            <th scope="col" className={t.th}>Type</th>
            <th scope="col" className={t.th}>Team RC</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((c) => (
            <tr key={c.key} data-type={c.type}>
              <th scope="row" className={mergeClasses(t.rowHead, t.td)}>{dateText(c.closedOn) ?? c.closedOn}</th>
              <td className={t.td}>{TYPE_LABELS[c.type]}</td>
              <td className={t.td} data-part="team-rc" data-suppressed={c.teamRc ? undefined : 'true'}>
                {c.teamRc ? <>{twoDecimals(c.teamRc.mean)} <BandBadge band={c.teamRc.band} /></> : suppressedText(summary.k)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The collaborative's transition checks together: how many, team RC over time, and the share
 * that were weak, overall and by type. Team RC only (the staff's answers), and no check's
 * reference, so everyone on the collaborative's list can see it.
 */
export function TransitionsPage({ collaborative }: { collaborative: CollaborativeResponse }) {
  const styles = useStyles();
  const { api } = useServices();
  const calls = useMemo(() => transitionApi(api, collaborative.id), [api, collaborative.id]);
  const [state, retry] = useLoad(() => calls.summary(), [calls]);
  const summary = state.status === 'ready' ? state.data : undefined;
  const series = useMemo(() => shownPoints(summary?.overTime ?? []), [summary]);
  return (
    <div data-part="transitions">
      <div className={styles.head}>
        <Title2 as="h2">Transition checks</Title2>
        {summary && summary.total > 0 ? <StartButton /> : null}
      </div>
      {state.status === 'loading' ? <LoadingState label="Loading the transition checks…" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={retry} title="The transition checks could not be shown" /> : null}
      {summary && summary.total === 0 ? <NoChecksYet /> : null}
      {summary && summary.total > 0 ? (
        <>
          <Body1 as="p" className={styles.help}>
            Team RC is how the staff around one mother and baby experienced working together at a transition, from their own anonymous answers. It is shown
            once a check closes, when at least {summary.k} staff answered.
          </Body1>
          <SummaryCards summary={summary} />
          <h3 className={styles.heading}>Team RC over time</h3>
          {series.length > 0 ? (
            <TeamRcChart series={series} bands={collaborative.bands}
              summary={`Team RC of ${series.length} closed ${series.length === 1 ? 'check' : 'checks'}, from ${dateText(series[0]!.closedAt)} to ${dateText(series[series.length - 1]!.closedAt)}: the table below gives each figure.`} />
          ) : (
            <Body1 as="p" className={styles.help}>No closed check has a figure yet.</Body1>
          )}
          <ClosedTable summary={summary} />
          <ByTypeTable summary={summary} />
        </>
      ) : null}
    </div>
  );
}
