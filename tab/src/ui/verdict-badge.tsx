import { makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular, SubtractRegular } from '@fluentui/react-icons';
import type { ChangeVerdict } from '../../../src/contract/api-contract';
import { VERDICT_LABELS } from './figure-format';

const useStyles = makeStyles({
  badge: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  improved: { color: tokens.colorPaletteGreenForeground1 },
  declined: { color: tokens.colorPaletteDarkOrangeForeground1 },
  none: { color: tokens.colorNeutralForeground2 },
});

/** A change verdict as arrow and word: "↑ Improved", "↓ Declined", "– No clear change". */
export function VerdictBadge({ verdict }: { verdict: ChangeVerdict }) {
  const styles = useStyles();
  const icon = verdict === 'improved' ? <ArrowUpRegular aria-hidden /> : verdict === 'declined' ? <ArrowDownRegular aria-hidden /> : <SubtractRegular aria-hidden />;
  const tone = verdict === 'improved' ? styles.improved : verdict === 'declined' ? styles.declined : styles.none;
  return (
    <span className={`${styles.badge} ${tone}`} data-verdict={verdict}>
      {icon}
      {VERDICT_LABELS[verdict]}
    </span>
  );
}
