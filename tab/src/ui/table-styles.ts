import { makeStyles, tokens } from '@fluentui/react-components';

/** The look of the tab's plain data tables (native tables: the best-understood by screen readers). */
export const useTableStyles = makeStyles({
  wrap: { overflowX: 'auto', maxWidth: '100%', marginBottom: tokens.spacingVerticalL },
  table: { borderCollapse: 'collapse', minWidth: '36rem', fontSize: tokens.fontSizeBase300 },
  caption: { textAlign: 'left', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalS} 0` },
  th: {
    textAlign: 'left',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `2px solid ${tokens.colorNeutralStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
    verticalAlign: 'bottom',
  },
  rowHead: { textAlign: 'left', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, fontWeight: tokens.fontWeightSemibold },
  td: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'top' },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  group: { backgroundColor: tokens.colorNeutralBackground2, fontWeight: tokens.fontWeightSemibold },
});
