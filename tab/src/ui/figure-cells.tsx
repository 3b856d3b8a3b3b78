import { makeStyles, tokens } from '@fluentui/react-components';
import type { ApiFigure } from '../../../src/contract/api-contract';
import { BandBadge } from './band-badge';
import { intervalText, meanText } from './figure-format';

const useStyles = makeStyles({
  mean: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  quiet: { color: tokens.colorNeutralForeground2 },
  interval: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
});

/**
 * A figure inside a table cell: mean and band, then the interval on a second line; or only
 * "fewer than k responses" for a suppressed one.
 */
export function FigureInCell({ figure, k, figureId }: { figure: ApiFigure; k: number; figureId?: string }) {
  const styles = useStyles();
  if (figure.suppressed || figure.mean === null) {
    return <span className={styles.quiet} data-figure={figureId} data-suppressed="true">{meanText(figure, k)}</span>;
  }
  const interval = intervalText(figure.ci95);
  return (
    <span data-figure={figureId}>
      <span className={styles.mean} data-part="mean">{meanText(figure, k)}</span> {figure.band ? <BandBadge band={figure.band} /> : null}
      {interval ? <span className={styles.interval} style={{ display: 'block' }} data-part="interval">95% interval {interval}</span> : null}
    </span>
  );
}
