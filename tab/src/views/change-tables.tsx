import { Switch, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiChange, CompareResponse } from '../../../src/contract/api-contract';
import { DIMENSIONS, DIMENSION_LABELS, differenceText, intervalText, meanText, suppressedText } from '../ui/figure-format';
import { useTableStyles } from '../ui/table-styles';
import { VerdictBadge } from '../ui/verdict-badge';
import { pulseName } from '../results/pulse-label';

const useStyles = makeStyles({
  quiet: { color: tokens.colorNeutralForeground2 },
  interval: { display: 'block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  filter: { marginBottom: tokens.spacingVerticalS },
});

/** The cells of one change: before, after, difference with interval, verdict. */
function ChangeCells({ change, k }: { change: ApiChange; k: number }) {
  const styles = useStyles();
  const t = useTableStyles();
  const interval = intervalText(change.ci95);
  return (
    <>
      <td className={mergeClasses(t.td, t.number)} data-part="before">{meanText(change.before, k)}</td>
      <td className={mergeClasses(t.td, t.number)} data-part="after">{meanText(change.after, k)}</td>
      <td className={mergeClasses(t.td, t.number)} data-part="difference">
        {change.suppressed || change.difference === null ? (
          <span className={styles.quiet}>not shown</span>
        ) : (
          <>
            {differenceText(change.difference)}
            {interval ? <span className={styles.interval}>95% interval {interval}</span> : null}
          </>
        )}
      </td>
      <td className={t.td} data-part="verdict">
        {change.verdict ? <VerdictBadge verdict={change.verdict} /> : <span className={styles.quiet}>{suppressedText(k)} in one pulse</span>}
      </td>
    </>
  );
}

function Head({ first, second }: { first: string; second?: string }) {
  const t = useTableStyles();
  return (
    <thead>
      <tr>
        <th scope="col" className={t.th}>{first}</th>
        {second ? <th scope="col" className={t.th}>{second}</th> : null}
        <th scope="col" className={mergeClasses(t.th, t.number)}>Before</th>
        <th scope="col" className={mergeClasses(t.th, t.number)}>After</th>
        <th scope="col" className={mergeClasses(t.th, t.number)}>Change</th>
        <th scope="col" className={t.th}>Verdict</th>
      </tr>
    </thead>
  );
}

/** The comparison as three tables: headline figures and dimensions, then every tie. */
export function ChangeTables({ compare }: { compare: CompareResponse }) {
  const styles = useStyles();
  const t = useTableStyles();
  const k = compare.method.k;
  const [onlyClear, setOnlyClear] = useState(false);
  const headline: [string, string, ApiChange][] = [
    ['overall', 'Relational coordination (all ties)', compare.overall],
    ['overallBetween', 'Between groups', compare.overallBetween],
    ['communication', 'Communication (index)', compare.indices.communication],
    ['relationship', 'Relationships (index)', compare.indices.relationship],
    ...DIMENSIONS.map((d): [string, string, ApiChange] => [d, DIMENSION_LABELS[d], compare.dimensions[d]]),
  ];
  const ties = compare.ties.filter((tie) => !onlyClear || tie.verdict === 'improved' || tie.verdict === 'declined');
  const span = `${pulseName(compare.earlier)} (before, ${compare.respondents.before} people) and ${pulseName(compare.pulse)} (after, ${compare.respondents.after} people)`;
  return (
    <>
      <div className={t.wrap}>
        <table className={t.table} data-part="change-overall">
          <caption className={t.caption}>Overall, indices and dimensions: {span}</caption>
          <Head first="Figure" />
          <tbody>
            {headline.map(([id, name, change]) => (
              <tr key={id} data-change={id}>
                <th scope="row" className={mergeClasses(t.rowHead, t.td)}>{name}</th>
                <ChangeCells change={change} k={k} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Switch className={styles.filter} checked={onlyClear} onChange={(_, data) => setOnlyClear(data.checked)} label="Show only ties with a clear change" />
      <div className={t.wrap}>
        <table className={t.table} data-part="change-ties">
          <caption className={t.caption}>Each tie: how people in one group experience another</caption>
          <Head first="People in" second="experiencing" />
          <tbody>
            {ties.map((tie) => (
              <tr key={`${tie.from}>${tie.to}`} data-change={`${tie.from}>${tie.to}`}>
                <th scope="row" className={mergeClasses(t.rowHead, t.td)}>{tie.fromName}</th>
                <td className={t.td}>{tie.from === tie.to ? 'each other' : tie.toName}</td>
                <ChangeCells change={tie} k={k} />
              </tr>
            ))}
            {ties.length === 0 ? (
              <tr>
                <td className={t.td} colSpan={6}>No tie changed clearly between these pulses.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
