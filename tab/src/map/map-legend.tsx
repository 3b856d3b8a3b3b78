import { makeStyles, tokens } from '@fluentui/react-components';
import type { ApiBands, Band } from '../../../src/contract/api-contract';
import { BAND_STYLES, SUPPRESSED_STYLE, glyphPath } from '../ui/band-style';
import { BAND_LABELS, suppressedText, twoDecimals } from '../ui/figure-format';

const useStyles = makeStyles({
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`, margin: 0, padding: 0, listStyleType: 'none' },
  entry: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

function Sample({ stroke, width, dash, shape }: { stroke: string; width: number; dash?: string; shape?: 'circle' | 'diamond' | 'triangle' }) {
  return (
    <svg width="56" height="16" viewBox="0 0 56 16" aria-hidden="true" focusable="false">
      <line x1="2" y1="8" x2="54" y2="8" style={{ stroke, strokeWidth: width, strokeDasharray: dash }} />
      {shape ? <path d={glyphPath(shape, 5)} transform="translate(28 8)" style={{ fill: stroke }} /> : null}
    </svg>
  );
}

/** The Families group's mark: a second ring round its circle. */
function FamiliesSample() {
  return (
    <svg width="56" height="24" viewBox="0 0 56 24" aria-hidden="true" focusable="false">
      <circle cx="28" cy="12" r="7" style={{ fill: 'none', stroke: tokens.colorNeutralStroke1, strokeWidth: 1.5 }} />
      <circle cx="28" cy="12" r="10" style={{ fill: 'none', stroke: tokens.colorBrandStroke1, strokeWidth: 2 }} />
    </svg>
  );
}

/**
 * What the lines mean: each band's colour, width, dash and shape, and the suppressed line;
 * with `families`, the Families group's mark too.
 */
export function MapLegend({ bands, k, families = false }: { bands: ApiBands; k: number; families?: boolean }) {
  const styles = useStyles();
  const range: Record<Band, string> = {
    strong: `${twoDecimals(bands.strong)} or more`,
    moderate: `${twoDecimals(bands.moderate)} to below ${twoDecimals(bands.strong)}`,
    weak: `below ${twoDecimals(bands.moderate)}`,
  };
  return (
    <ul className={styles.legend} aria-label="Key to the map">
      {(['strong', 'moderate', 'weak'] as const).map((band) => (
        <li key={band} className={styles.entry}>
          <Sample stroke={BAND_STYLES[band].stroke} width={BAND_STYLES[band].width} dash={BAND_STYLES[band].dash} shape={BAND_STYLES[band].shape} />
          {BAND_LABELS[band]} ({range[band]})
        </li>
      ))}
      <li className={styles.entry}>
        <Sample stroke={SUPPRESSED_STYLE.stroke} width={SUPPRESSED_STYLE.width} dash={SUPPRESSED_STYLE.dash} />
        Not shown: {suppressedText(k)}
      </li>
      {families ? (
        <li className={styles.entry} data-part="families-key">
          <FamiliesSample />
          Families: answered through family links
        </li>
      ) : null}
    </ul>
  );
}
