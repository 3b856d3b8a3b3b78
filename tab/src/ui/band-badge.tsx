import { makeStyles, tokens } from '@fluentui/react-components';
import type { Band } from '../../../src/contract/api-contract';
import { BAND_STYLES, glyphPath } from './band-style';
import { BAND_LABELS } from './figure-format';

const useStyles = makeStyles({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    whiteSpace: 'nowrap',
  },
});

/** The band's shape in its colour, decorative (the word beside it carries the meaning). */
export function BandGlyph({ band, size = 12 }: { band: Band; size?: number }) {
  const style = BAND_STYLES[band];
  return (
    <svg width={size} height={size} viewBox="-7 -7 14 14" aria-hidden="true" focusable="false">
      <path d={glyphPath(style.shape, 5.5)} style={{ fill: style.stroke }} />
    </svg>
  );
}

/** A band as shape and word: "● Strong", "◆ Moderate", "▼ Weak". */
export function BandBadge({ band }: { band: Band }) {
  const styles = useStyles();
  return (
    <span className={styles.badge} data-band={band}>
      <BandGlyph band={band} />
      {BAND_LABELS[band]}
    </span>
  );
}
