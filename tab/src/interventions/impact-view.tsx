import { Body1, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { InterventionImpact } from '../../../src/contract/interventions-contract';
import type { ImpactChange } from '../../../src/domain/impact';
import { differenceText, suppressedText, twoDecimals } from '../ui/figure-format';
import { VerdictBadge } from '../ui/verdict-badge';
import { dayWords } from './iv-words';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, alignItems: 'baseline', padding: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  name: { fontWeight: tokens.fontWeightSemibold, flex: '1 1 16rem' },
  hint: { color: tokens.colorNeutralForeground2 },
});

/** One change as words: "3.33 to 4.05 (+0.72, 95% interval +0.29 to +1.14) ↑ Improved", or "fewer than k responses". */
export function ChangeLine({ change, k }: { change: ImpactChange; k: number }) {
  const styles = useStyles();
  if (change.suppressed) return <Text className={styles.hint} data-part="suppressed">{suppressedText(k)}: no figures to compare</Text>;
  const interval = change.ci95 ? `, 95% interval ${differenceText(change.ci95[0])} to ${differenceText(change.ci95[1])}` : '';
  return (
    <>
      <Text data-part="change">
        {twoDecimals(change.before.mean)} to {twoDecimals(change.after.mean)} ({differenceText(change.difference)}{interval})
      </Text>
      <VerdictBadge verdict={change.verdict} />
    </>
  );
}

/** An intervention's impact on the ties and dimensions it aims at, or why it cannot be measured yet. */
export function ImpactPanel({ impact, k }: { impact: InterventionImpact; k: number }) {
  const styles = useStyles();
  if (!impact.measured) return <Body1 as="p" data-part="impact-not-yet">{impact.message}</Body1>;
  const { before, after, impact: view } = impact;
  const k2 = impact.method.k || k;
  const pulseName = (p: typeof before) => p.title ?? `the pulse closed ${dayWords(p.closedAt.slice(0, 10))}`;
  return (
    <div data-part="impact">
      <Body1 as="p">
        From {pulseName(before)} to {pulseName(after)}. &ldquo;Improved&rdquo; or &ldquo;declined&rdquo; only when the 95% interval of the change leaves out zero.
      </Body1>
      {view.ties.length > 0 ? <Subtitle2 as="h4">Ties</Subtitle2> : null}
      <ul className={styles.list}>
        {view.ties.map((t) => (
          <li key={`${t.tie.from}>${t.tie.to}`} className={styles.row} data-impact-tie={`${t.tie.from}>${t.tie.to}`}>
            <span className={styles.name}>{t.tie.label}</span>
            <ChangeLine change={t.rc} k={k2} />
          </li>
        ))}
      </ul>
      {view.dimensions.length > 0 ? <Subtitle2 as="h4">Dimensions, across the collaborative</Subtitle2> : null}
      <ul className={styles.list}>
        {view.dimensions.map((d) => (
          <li key={d.dimension} className={styles.row} data-impact-dimension={d.dimension}>
            <span className={styles.name}>{d.title}</span>
            <ChangeLine change={d.change} k={k2} />
          </li>
        ))}
      </ul>
    </div>
  );
}
