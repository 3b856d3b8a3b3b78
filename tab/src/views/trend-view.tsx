import { Body1, Field, Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiFigure, CollaborativeResponse, PublishedResults } from '../../../src/contract/api-contract';
import { trendPath, trendResponseSchema, type TrendResponse } from '../../../src/contract/trend-contract';
import { useServices } from '../app-services';
import { pulseLabel } from '../results/pulse-label';
import { useTableStyles } from '../ui/table-styles';
import { dateText, intervalText, meanText } from '../ui/figure-format';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useLoad } from '../ui/use-load';
import { marksFor } from './trend-marks';

const useStyles = makeStyles({
  controls: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'end', flexWrap: 'wrap', marginBottom: tokens.spacingVerticalM },
  chart: { width: '100%', maxWidth: '48rem', height: 'auto', display: 'block', marginBottom: tokens.spacingVerticalM },
  help: { maxWidth: '48rem', marginBottom: tokens.spacingVerticalM },
  // Tie names are long: the list narrows to the screen rather than pushing the page wider.
  field: { flex: '1 1 auto', minWidth: 0, maxWidth: '28rem' },
  select: { width: '100%', maxWidth: '100%', minWidth: 0 },
  // Four short columns fit a phone: no sideways scrolling.
  table: { minWidth: 0, width: '100%', maxWidth: '48rem' },
});

type Pick = (f: NonNullable<TrendResponse['points'][number]['figures']>) => ApiFigure | undefined;

/** The figures a person can follow: overall, between groups, each index, and each tie. */
function choices(trend: TrendResponse): { id: string; label: string; pick: Pick }[] {
  const ties = new Map<string, string>();
  for (const p of trend.points) for (const t of p.figures?.ties ?? []) ties.set(`${t.from}>${t.to}`, `${t.fromName} about ${t.toName}`);
  return [
    { id: 'overall', label: 'Relational coordination (all ties)', pick: (f) => f.overall },
    { id: 'between', label: 'Between groups', pick: (f) => f.overallBetween },
    { id: 'communication', label: 'Communication index', pick: (f) => f.indices.communication },
    { id: 'relationship', label: 'Relationship index', pick: (f) => f.indices.relationship },
    ...[...ties].map(([key, label]) => ({ id: `tie:${key}`, label, pick: ((f) => f.ties.find((t) => `${t.from}>${t.to}` === key)) as Pick })),
  ];
}

/**
 * A scope's figures over time: every closed pulse that asked the same groups about the same
 * groups, each point with its 95% interval, and the interventions' dates marked on the time
 * axis. Only published figures: a figure hidden in a pulse's results stays hidden here.
 */
export function TrendView({ collaborative, results }: { collaborative: CollaborativeResponse; results: PublishedResults }) {
  const { api } = useServices();
  const [state, retry] = useLoad(() => api.get(trendPath(collaborative.id, results.pulse.id), trendResponseSchema), [collaborative.id, results.pulse.id]);
  if (state.status === 'loading') return <LoadingState label="Gathering the pulses…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} title="The trend could not be shown" />;
  if (state.data.points.length < 2) {
    return (
      <NoticeState title="One pulse so far" state="trend-first">
        The trend appears once a second pulse asking the same groups about the same groups has closed.
      </NoticeState>
    );
  }
  return <TrendChart trend={state.data} k={results.method.k} />;
}

/** The figure followed, kept in the address (#trend?follow=tie%3Ambu%3Ecommunity) so a link or a reload keeps it. */
function followedInHash(): string {
  const query = window.location.hash.split('?', 2)[1] ?? '';
  return new URLSearchParams(query).get('follow') ?? 'overall';
}

function keepFollowed(id: string): void {
  const view = window.location.hash.replace(/^#/, '').split('?', 1)[0] || 'trend';
  window.history.replaceState(null, '', id === 'overall' ? `#${view}` : `#${view}?${new URLSearchParams({ follow: id }).toString()}`);
}

function TrendChart({ trend, k }: { trend: TrendResponse; k: number }) {
  const styles = useStyles();
  const table = useTableStyles();
  const options = choices(trend);
  const [chosen, setChosen] = useState(followedInHash);
  const option = options.find((o) => o.id === chosen) ?? options[0]!;
  const follow = (id: string) => {
    setChosen(id);
    keepFollowed(id);
  };
  const marks = marksFor(trend, option.id);
  const rows = trend.points.map((p) => ({ point: p, figure: p.figures ? option.pick(p.figures) : undefined }));
  const times = [...trend.points.map((p) => Date.parse(p.at)), ...marks.flatMap((i) => (i.startOn ? [Date.parse(i.startOn)] : []))];
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const W = 360;
  const H = 220;
  const x = (t: number) => 30 + ((t - t0) / Math.max(1, t1 - t0)) * (W - 50);
  const y = (v: number) => 20 + ((5 - v) / 4) * (H - 50);
  const shown = rows.filter((r) => r.figure && !r.figure.suppressed && r.figure.mean !== null);
  const summary = shown.map((r) => `${pulseLabel(r.point.pulse)}: ${meanText(r.figure!, k)}`).join('; ');
  return (
    <>
      <div className={styles.controls}>
        <Field label="Follow" className={styles.field}>
          <Select className={styles.select} value={option.id} onChange={(_, d) => follow(d.value)} data-part="trend-figure">
            {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </Select>
        </Field>
      </div>
      <Body1 as="p" className={styles.help}>
        Each point is a closed pulse that asked the same groups; the line through it is its 95% interval. Dashed lines mark when interventions started.
      </Body1>
      <svg className={styles.chart} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${option.label} over time. ${summary || 'No figure could be shown.'}`} data-part="trend-chart">
        {[1, 2, 3, 4, 5].map((v) => (
          <g key={v}>
            <line x1={30} x2={W - 10} y1={y(v)} y2={y(v)} stroke="#c8c8c8" strokeWidth={0.5} />
            <text x={22} y={y(v) + 4} fontSize={10} textAnchor="end" fill="#424242">{v}</text>
          </g>
        ))}
        {marks.flatMap((i) => (i.startOn ? [i] : [])).map((i) => (
          <line key={i.id} x1={x(Date.parse(i.startOn!))} x2={x(Date.parse(i.startOn!))} y1={14} y2={H - 30} stroke="#8a3707" strokeDasharray="4 3" strokeWidth={1} data-part="intervention-mark" />
        ))}
        <polyline fill="none" stroke="#0f6cbd" strokeWidth={2} points={shown.map((r) => `${x(Date.parse(r.point.at))},${y(r.figure!.mean!)}`).join(' ')} />
        {shown.map((r) => (
          <g key={r.point.pulse.id}>
            {r.figure!.ci95 ? <line x1={x(Date.parse(r.point.at))} x2={x(Date.parse(r.point.at))} y1={y(r.figure!.ci95[1])} y2={y(r.figure!.ci95[0])} stroke="#0f6cbd" strokeWidth={1} /> : null}
            <circle cx={x(Date.parse(r.point.at))} cy={y(r.figure!.mean!)} r={4} fill="#0f6cbd" />
          </g>
        ))}
      </svg>
      <div className={table.wrap} tabIndex={0} role="region" aria-label={`${option.label} by pulse, as a table`}>
      <table className={mergeClasses(table.table, styles.table)} data-part="trend-table">
        <caption className={table.caption}>{option.label} by pulse</caption>
        <thead>
          <tr>
            <th scope="col" className={table.th}>Pulse</th>
            <th scope="col" className={table.th}>Closed</th>
            <th scope="col" className={table.th}>Mean</th>
            <th scope="col" className={table.th}>95% interval</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.point.pulse.id}>
              <th scope="row" className={table.rowHead}>{pulseLabel(r.point.pulse)}</th>
              <td className={table.td}>{dateText(r.point.at)}</td>
              <td className={table.td}>{r.figure ? meanText(r.figure, k) : 'Not published'}</td>
              <td className={table.td}>{(r.figure && intervalText(r.figure.ci95)) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {marks.length > 0 ? (
        <ul aria-label="Interventions" data-part="trend-interventions">
          {marks.map((i) => (
            <li key={i.id}>{`${i.title}: ${i.startOn ? `started ${dateText(i.startOn)}` : 'not started'}${i.completedAt ? `, done ${dateText(i.completedAt)}` : ''}`}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
