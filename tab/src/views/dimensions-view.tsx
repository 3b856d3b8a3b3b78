import { Body1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ApiFigure, PublishedResults } from '../../../src/contract/api-contract';
import { COMMUNICATION_DIMENSIONS, RELATIONSHIP_DIMENSIONS } from '../../../src/domain/instrument';
import { FigureInCell } from '../ui/figure-cells';
import { DIMENSION_LABELS, peopleText } from '../ui/figure-format';
import { ScaleBar } from '../ui/scale-bar';
import { useTableStyles } from '../ui/table-styles';

const useStyles = makeStyles({
  help: { maxWidth: '48rem', marginBottom: tokens.spacingVerticalM },
});

/**
 * The seven dimensions' profile (grouped under the communication and relationship indices),
 * then each workgroup's outgoing figure (how it experiences everyone else) and incoming
 * figure (how everyone else experiences it).
 */
export function DimensionsView({ results }: { results: PublishedResults }) {
  const styles = useStyles();
  const t = useTableStyles();
  const { figures, method } = results;
  const k = method.k;
  const row = (id: string, name: string, figure: ApiFigure, isIndex = false) => (
    <tr key={id} className={isIndex ? t.group : undefined}>
      <th scope="row" className={mergeClasses(t.rowHead, t.td)}>{name}</th>
      <td className={t.td}><FigureInCell figure={figure} k={k} figureId={id} /></td>
      <td className={mergeClasses(t.td, t.number)}>{peopleText(figure.n) ?? ''}</td>
      <td className={t.td}><ScaleBar figure={figure} bands={method.bands} /></td>
    </tr>
  );
  return (
    <>
      <Body1 as="p" className={styles.help}>
        The seven dimensions of relational coordination, each on a scale of 1 to 5. Looking at where the dimensions differ can suggest where to start: for example
        shared knowledge by shadowing or joint meetings, timeliness by agreed routines at handover.
      </Body1>
      <div className={t.wrap}>
        <table className={t.table} data-part="dimensions">
          <caption className={t.caption}>Dimension profile</caption>
          <thead>
            <tr>
              <th scope="col" className={t.th}>Dimension</th>
              <th scope="col" className={t.th}>Figure</th>
              <th scope="col" className={mergeClasses(t.th, t.number)}>People</th>
              <th scope="col" className={t.th}>On the scale 1 to 5</th>
            </tr>
          </thead>
          <tbody>
            {row('communication', 'Communication (index)', figures.indices.communication, true)}
            {COMMUNICATION_DIMENSIONS.map((d) => row(d, DIMENSION_LABELS[d], figures.dimensions[d]))}
            {row('relationship', 'Relationships (index)', figures.indices.relationship, true)}
            {RELATIONSHIP_DIMENSIONS.map((d) => row(d, DIMENSION_LABELS[d], figures.dimensions[d]))}
          </tbody>
        </table>
      </div>
      <div className={t.wrap}>
        <table className={t.table} data-part="workgroups">
          <caption className={t.caption}>Workgroups: how each group experiences the others, and how the others experience it</caption>
          <thead>
            <tr>
              <th scope="col" className={t.th}>Workgroup</th>
              <th scope="col" className={mergeClasses(t.th, t.number)}>People answered</th>
              <th scope="col" className={t.th}>Outgoing: how this group experiences the others</th>
              <th scope="col" className={t.th}>Incoming: how the others experience this group</th>
            </tr>
          </thead>
          <tbody>
            {figures.workgroups.map((w) => (
              <tr key={w.id} data-workgroup={w.name}>
                <th scope="row" className={mergeClasses(t.rowHead, t.td)}>{w.name}</th>
                <td className={mergeClasses(t.td, t.number)} data-part="respondents">{w.respondents ?? `fewer than ${k}`}</td>
                <td className={t.td}><FigureInCell figure={w.outgoing} k={k} figureId="outgoing" /></td>
                <td className={t.td}><FigureInCell figure={w.incoming} k={k} figureId="incoming" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
