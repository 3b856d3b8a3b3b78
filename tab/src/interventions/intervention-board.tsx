import { Badge, Body1, Caption1, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { STATUS_ORDER, type InterventionSummaryBody } from '../../../src/contract/interventions-contract';
import { dayWords, kindText, statusHeading } from './iv-words';

const useStyles = makeStyles({
  // Five columns on a wide screen; one list, status by status, on a phone.
  board: {
    display: 'grid',
    gridTemplateColumns: 'repeat(5, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    '@media (max-width: 1000px)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
    '@media (max-width: 600px)': { gridTemplateColumns: '1fr' },
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalS, borderRadius: tokens.borderRadiusLarge, backgroundColor: tokens.colorNeutralBackground2 },
  heading: { margin: 0, display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    overflowWrap: 'anywhere',
    ':hover': { border: `1px solid ${tokens.colorBrandStroke1}` },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  title: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1, textDecoration: 'underline' },
  meta: { color: tokens.colorNeutralForeground2 },
  empty: { color: tokens.colorNeutralForeground2, margin: 0 },
});

/** One intervention on the board: a link to its page, with what it aims at and who owns it. */
function BoardCard({ iv }: { iv: InterventionSummaryBody }) {
  const styles = useStyles();
  return (
    <li>
      <a className={styles.card} href={`#interventions/${encodeURIComponent(iv.id)}`} data-intervention={iv.id}>
        <span className={styles.title}>{iv.title}</span>
        <Caption1 className={styles.meta}>{kindText(iv.kind, iv.catalogueId)}</Caption1>
        {iv.ties.length > 0 ? <Text size={200}>{iv.ties.map((t) => t.label).join('; ')}</Text> : null}
        {iv.owners.length > 0 ? <Caption1 className={styles.meta}>Owned by {iv.owners.map((o) => o.name).join(', ')}</Caption1> : null}
        {iv.dueOn && iv.status !== 'done' && iv.status !== 'dropped' ? <Caption1 className={styles.meta}>Due {dayWords(iv.dueOn)}</Caption1> : null}
        {iv.mine ? <Badge appearance="tint" size="small">Yours</Badge> : null}
      </a>
    </li>
  );
}

/** The board: one column per status in the order work moves (proposed ... done, dropped). */
export function InterventionBoard({ interventions }: { interventions: InterventionSummaryBody[] }) {
  const styles = useStyles();
  return (
    <div className={styles.board} data-part="board">
      {STATUS_ORDER.map((status) => {
        const here = interventions.filter((iv) => iv.status === status);
        const headingId = `board-${status}`;
        return (
          <section key={status} className={styles.column} aria-labelledby={headingId} data-status={status}>
            <Subtitle2 as="h3" id={headingId} className={styles.heading}>
              {statusHeading(status)} <Badge appearance="outline" aria-label={`${here.length} ${here.length === 1 ? 'intervention' : 'interventions'}`}>{here.length}</Badge>
            </Subtitle2>
            {here.length === 0 ? <Body1 as="p" className={styles.empty}>None</Body1> : <ul className={styles.list}>{here.map((iv) => <BoardCard key={iv.id} iv={iv} />)}</ul>}
          </section>
        );
      })}
    </div>
  );
}
