import { makeStyles, tokens } from '@fluentui/react-components';
import type { ApiBands } from '../../../src/contract/api-contract';
import { BAND_STYLES, SUPPRESSED_STYLE, glyphPath } from '../ui/band-style';
import { twoDecimals } from '../ui/figure-format';
import { CHART, chartPoints, gridLines, yOf } from './chart-geometry';
import type { ShownPoint } from './transition-summary';

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: '30rem', height: 'auto', display: 'block' },
  axis: { fill: tokens.colorNeutralForeground2, fontSize: '14px' },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: 1 },
  threshold: { stroke: SUPPRESSED_STYLE.stroke, strokeWidth: 1, strokeDasharray: '4 4' },
  line: { fill: 'none', stroke: tokens.colorNeutralStroke1, strokeWidth: 1.5 },
});

/**
 * Team RC of each closed check over time, a point per check shaped and coloured by its band.
 * A picture for sighted readers (role="img" with a one-line summary); the table beside it
 * holds the same figures for everyone, so nothing is only in the chart.
 */
export function TeamRcChart({ series, bands, summary }: { series: readonly ShownPoint[]; bands: ApiBands; summary: string }) {
  const styles = useStyles();
  const points = chartPoints(series);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
  const first = series[0];
  const last = series[series.length - 1];
  return (
    <svg className={styles.svg} viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={summary} data-part="team-rc-chart">
      {gridLines().map((g) => (
        <g key={g.value}>
          <line className={styles.grid} x1={CHART.left} x2={CHART.width - CHART.right} y1={g.y} y2={g.y} />
          <text className={styles.axis} x={CHART.left - 8} y={g.y + 4} textAnchor="end">{g.value}</text>
        </g>
      ))}
      {[bands.moderate, bands.strong].map((v) => (
        <line key={v} className={styles.threshold} x1={CHART.left} x2={CHART.width - CHART.right} y1={yOf(v)} y2={yOf(v)} />
      ))}
      <text className={styles.axis} x={CHART.width - CHART.right} y={yOf(bands.moderate) - 4} textAnchor="end">weak below {twoDecimals(bands.moderate)}</text>
      {points.length > 1 ? <path className={styles.line} d={path} /> : null}
      {points.map((p, i) => {
        const band = series[i]!.band;
        const style = band ? BAND_STYLES[band] : undefined;
        return <path key={series[i]!.id} d={glyphPath(style?.shape ?? 'circle', 7)} transform={`translate(${p.x} ${p.y})`} style={{ fill: style?.stroke ?? tokens.colorNeutralForeground1 }} data-point={series[i]!.id} />;
      })}
      {first ? <text className={styles.axis} x={CHART.left} y={CHART.height - 10}>{new Date(first.closedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' })}</text> : null}
      {last && last !== first ? (
        <text className={styles.axis} x={CHART.width - CHART.right} y={CHART.height - 10} textAnchor="end">
          {new Date(last.closedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' })}
        </text>
      ) : null}
    </svg>
  );
}
