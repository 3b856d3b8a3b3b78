import { tokens } from '@fluentui/react-components';
import type { ApiFigure } from '../../../src/contract/api-contract';
import { BAND_STYLES } from './band-style';

const WIDTH = 220;
const HEIGHT = 22;
const x = (v: number) => ((Math.min(5, Math.max(1, v)) - 1) / 4) * WIDTH;

/**
 * A figure on the 1 to 5 scale: a bar to the mean in the band's colour, the 95% interval as
 * a whisker, and the band thresholds as faint ticks. Decorative: the table row beside it
 * carries the numbers in words.
 */
export function ScaleBar({ figure, bands }: { figure: ApiFigure; bands: { moderate: number; strong: number } }) {
  if (figure.suppressed || figure.mean === null) return null;
  const colour = figure.band ? BAND_STYLES[figure.band].stroke : tokens.colorNeutralForeground2;
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
      <rect x={0} y={6} width={WIDTH} height={10} rx={3} style={{ fill: tokens.colorNeutralBackground3 }} />
      <rect x={0} y={6} width={x(figure.mean)} height={10} rx={3} style={{ fill: colour }} />
      {[bands.moderate, bands.strong].map((t) => (
        <line key={t} x1={x(t)} x2={x(t)} y1={2} y2={20} style={{ stroke: tokens.colorNeutralForeground3, strokeWidth: 1, strokeDasharray: '2 2' }} />
      ))}
      {figure.ci95 ? (
        <g style={{ stroke: tokens.colorNeutralForeground1, strokeWidth: 1.5 }}>
          <line x1={x(figure.ci95[0])} x2={x(figure.ci95[1])} y1={11} y2={11} />
          <line x1={x(figure.ci95[0])} x2={x(figure.ci95[0])} y1={5} y2={17} />
          <line x1={x(figure.ci95[1])} x2={x(figure.ci95[1])} y1={5} y2={17} />
        </g>
      ) : null}
    </svg>
  );
}
