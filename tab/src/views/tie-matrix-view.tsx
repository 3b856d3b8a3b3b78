import { Body1, Field, Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiDimension, ApiFigure, PublishedResults } from '../../../src/contract/api-contract';
import { PlanLink } from '../interventions/plan-link';
import { isFamilies } from '../map/map-model';
import { BandGlyph } from '../ui/band-badge';
import { BAND_STYLES } from '../ui/band-style';
import { BAND_LABELS, DIMENSIONS, DIMENSION_LABELS, figureSentence, meanText, suppressedText } from '../ui/figure-format';
import { useVisuallyHidden } from '../ui/visually-hidden';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', maxWidth: '100%' },
  table: { borderCollapse: 'separate', borderSpacing: '3px', fontSize: tokens.fontSizeBase300 },
  corner: { textAlign: 'left', verticalAlign: 'bottom', padding: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  colHead: { verticalAlign: 'bottom', padding: tokens.spacingHorizontalS, maxWidth: '9rem', fontWeight: tokens.fontWeightSemibold, textAlign: 'center' },
  rowHead: { textAlign: 'left', padding: tokens.spacingHorizontalS, fontWeight: tokens.fontWeightSemibold, maxWidth: '14rem' },
  cell: { minWidth: '6.5rem', height: '3rem', textAlign: 'center', borderRadius: tokens.borderRadiusMedium, color: tokens.colorNeutralForeground1, padding: tokens.spacingHorizontalXS },
  value: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
  plan: { display: 'block', marginTop: tokens.spacingVerticalXXS },
  suppressed: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, border: `1px dashed ${tokens.colorNeutralStroke1}` },
  empty: { backgroundColor: tokens.colorNeutralBackground2 },
  within: { outline: `2px solid ${tokens.colorNeutralStroke1}`, outlineOffset: '-2px' },
  controls: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'end', flexWrap: 'wrap', marginBottom: tokens.spacingVerticalM },
  help: { maxWidth: '48rem' },
  via: { display: 'block', fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  note: { maxWidth: '48rem', marginTop: tokens.spacingVerticalS, color: tokens.colorNeutralForeground2 },
});

type Measure = 'rc' | ApiDimension;

/**
 * Every tie as a from x to table, shaded by band (with the band's shape and, for screen
 * readers, its word), for RC or for one dimension at a time. Suppressed cells read
 * "fewer than k responses"; a tie nobody rated is left empty.
 */
export function TieMatrixView({ results }: { results: PublishedResults }) {
  const styles = useStyles();
  const hidden = useVisuallyHidden();
  const k = results.method.k;
  const [measure, setMeasure] = useState<Measure>('rc');
  const groups = results.figures.workgroups.map((w) => ({ id: w.id, name: w.name }));
  const tie = (from: string, to: string) => results.figures.ties.find((t) => t.from === from && t.to === to);
  const figureOf = (from: string, to: string): ApiFigure | undefined => {
    const t = tie(from, to);
    return t && (measure === 'rc' ? t : t.dimensions[measure]);
  };
  const measureName = measure === 'rc' ? 'Relational coordination (all seven dimensions)' : DIMENSION_LABELS[measure];
  return (
    <>
      <div className={styles.controls}>
        <Field label="Show">
          <Select value={measure} onChange={(_, data) => setMeasure(data.value as Measure)} data-part="measure">
            <option value="rc">Relational coordination (all seven)</option>
            {DIMENSIONS.map((d) => <option key={d} value={d}>{DIMENSION_LABELS[d]}</option>)}
          </Select>
        </Field>
        <Body1 className={styles.help}>Read across: how people in the group on the left experience working with each group along the top.</Body1>
      </div>
      <div className={styles.wrap} role="region" aria-label="Tie matrix" tabIndex={0}>
        <table className={styles.table} data-measure={measure}>
          <caption className={hidden.hidden}>{`${measureName}: how people in each group (rows) experience each group (columns)`}</caption>
          <thead>
            <tr>
              <th scope="col" className={styles.corner}>People in ↓ rate →</th>
              {groups.map((g) => <th key={g.id} scope="col" className={styles.colHead} data-group={g.id}>{g.name}{isFamilies(g.id) ? <span className={styles.via}>family links</span> : null}</th>)}
            </tr>
          </thead>
          <tbody>
            {groups.map((row) => (
              <tr key={row.id}>
                <th scope="row" className={styles.rowHead} data-group={row.id}>{row.name}{isFamilies(row.id) ? <span className={styles.via}>answered through family links</span> : null}</th>
                {groups.map((col) => {
                  const f = figureOf(row.id, col.id);
                  const within = row.id === col.id ? styles.within : undefined;
                  const key = `${row.id}>${col.id}`;
                  if (!f) return <td key={col.id} className={mergeClasses(styles.cell, styles.empty, within)} data-cell={key}><span className={hidden.hidden}>no ratings</span></td>;
                  if (f.suppressed || f.mean === null) {
                    return <td key={col.id} className={mergeClasses(styles.cell, styles.suppressed, within)} data-cell={key} data-suppressed="true">{suppressedText(k)}</td>;
                  }
                  return (
                    <td key={col.id} className={mergeClasses(styles.cell, within)} style={{ backgroundColor: f.band ? BAND_STYLES[f.band].background : undefined }}
                      data-cell={key} data-band={f.band ?? undefined} title={figureSentence(f, k)}>
                      <span className={styles.value}>
                        {f.band ? <BandGlyph band={f.band} /> : null}
                        <span data-part="mean">{meanText(f, k)}</span>
                        {f.band ? <span className={hidden.hidden}>{BAND_LABELS[f.band]}</span> : null}
                      </span>
                      {f.band === 'weak' && measure === 'rc' ? <span className={styles.plan}><PlanLink tie={tie(row.id, col.id)!} pulseId={results.pulse.id} compact /></span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {groups.some((g) => isFamilies(g.id)) ? (
        <Body1 as="p" className={styles.note} data-part="families-note">
          Families answered through family links, on their phones. Like every group, a Families figure is shown only when at least {k} of them answered.
        </Body1>
      ) : null}
    </>
  );
}
