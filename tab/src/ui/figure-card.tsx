import { Caption1, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ApiFigure } from '../../../src/contract/api-contract';
import { BandBadge } from './band-badge';
import { useCardStyles } from './card-styles';
import { intervalText, meanText, peopleText } from './figure-format';

const useStyles = makeStyles({
  card: { backgroundColor: tokens.colorNeutralBackground1, minWidth: '14rem' },
  hint: { color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  big: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: tokens.fontWeightSemibold },
  medium: { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  small: { fontSize: tokens.fontSizeBase400, color: tokens.colorNeutralForeground2 },
});

export interface FigureCardProps {
  title: string;
  hint: string;
  figure: ApiFigure;
  k: number;
  /** Names the figure for tests and for the e2e comparison with `rc-pulse score`. */
  figureId: string;
  /** Headline cards show the mean large; others at body size. */
  size?: 'large' | 'medium';
}

/** One published figure: mean (two decimals), band as shape and word, 95% interval and n. */
export function FigureCard({ title, hint, figure, k, figureId, size = 'large' }: FigureCardProps) {
  const styles = useStyles();
  const cardStyles = useCardStyles();
  const shown = !figure.suppressed && figure.mean !== null;
  const interval = intervalText(figure.ci95);
  const people = peopleText(figure.n);
  return (
    <section className={mergeClasses(cardStyles.card, styles.card)} aria-label={title} data-figure={figureId} data-suppressed={figure.suppressed}>
      <h3 className={cardStyles.title}>{title}</h3>
      <Caption1 className={styles.hint}>{hint}</Caption1>
      <div className={styles.row}>
        <span className={shown ? (size === 'large' ? styles.big : styles.medium) : undefined} data-part="mean">
          {shown ? meanText(figure, k) : <Text className={styles.small}>{meanText(figure, k)}</Text>}
        </span>
        {figure.band ? <BandBadge band={figure.band} /> : null}
      </div>
      {interval ? <Text data-part="interval">95% interval {interval}</Text> : null}
      {people ? <Text className={styles.hint} data-part="n">{people}</Text> : null}
    </section>
  );
}
