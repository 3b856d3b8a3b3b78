import { Body1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { RateRow, ResponseRates } from '../../../src/contract/api-contract';
import { fewerThan, rateText } from '../ui/figure-format';
import { useTableStyles } from '../ui/table-styles';

const useStyles = makeStyles({
  help: { maxWidth: '48rem', marginBottom: tokens.spacingVerticalM },
  quiet: { color: tokens.colorNeutralForeground2 },
  meter: { display: 'inline-block', width: '8rem', height: '0.6rem', borderRadius: tokens.borderRadiusSmall, backgroundColor: tokens.colorNeutralBackground3, overflow: 'hidden', verticalAlign: 'middle', marginLeft: tokens.spacingHorizontalS },
  fill: { display: 'block', height: '100%', backgroundColor: tokens.colorBrandBackground },
});

function RatesTable({ caption, firstColumn, rows, total, totalName, k, part }: { caption: string; firstColumn: string; rows: RateRow[]; total: RateRow; totalName: string; k: number; part: string }) {
  const styles = useStyles();
  const t = useTableStyles();
  const line = (row: RateRow, isTotal = false) => (
    <tr key={row.id} className={isTotal ? t.group : undefined} data-rate={row.name}>
      <th scope="row" className={mergeClasses(t.rowHead, t.td)}>{row.name}</th>
      <td className={mergeClasses(t.td, t.number)} data-part="invited">{row.invited}</td>
      <td className={mergeClasses(t.td, t.number)} data-part="answered">
        {row.answered !== null ? row.answered : <span className={styles.quiet}>{row.suppressed ? fewerThan(k) : 'not recorded'}</span>}
      </td>
      <td className={mergeClasses(t.td, t.number)} data-part="rate">
        {row.rate === null ? (
          <span className={styles.quiet}>not shown</span>
        ) : (
          <>
            {rateText(row.rate)}
            <span className={styles.meter} aria-hidden="true">
              <span className={styles.fill} style={{ width: `${Math.round(row.rate * 100)}%` }} />
            </span>
          </>
        )}
      </td>
    </tr>
  );
  return (
    <div className={t.wrap}>
      <table className={t.table} data-part={part}>
        <caption className={t.caption}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={t.th}>{firstColumn}</th>
            <th scope="col" className={mergeClasses(t.th, t.number)}>Invited</th>
            <th scope="col" className={mergeClasses(t.th, t.number)}>Answered</th>
            <th scope="col" className={mergeClasses(t.th, t.number)}>Response rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => line(row))}
          {line({ ...total, name: totalName }, true)}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Who answered, as counts: by workgroup and by partner organisation. Counts below k (and any
 * count that would reveal one by subtraction) read "fewer than k", as everywhere else.
 */
export function RatesView({ rates, k }: { rates: ResponseRates; k: number }) {
  const styles = useStyles();
  return (
    <>
      <Body1 as="p" className={styles.help}>
        How many of the people invited have answered. A high response rate from every group makes the figures a fairer picture of how the groups work together.
      </Body1>
      <RatesTable caption="By workgroup" firstColumn="Workgroup" rows={rates.byWorkgroup} total={rates.total} totalName="All groups together" k={k} part="rates-workgroups" />
      <RatesTable caption="By partner organisation" firstColumn="Organisation" rows={rates.byOrganisation} total={rates.total} totalName="All organisations together" k={k} part="rates-organisations" />
      {rates.organisationAnswers === 'not_recorded' ? (
        <Body1 as="p" className={styles.help} data-part="organisations-not-recorded">
          Who answered was not recorded by organisation for this pulse (it was loaded from a file, not run in Teams), so only the invitations are shown.
        </Body1>
      ) : null}
    </>
  );
}
