import { Badge, Body1, Button, Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowRepeatAllRegular, CalendarAddRegular, DismissCircleRegular, EditRegular } from '@fluentui/react-icons';
import type { PulseAdminItem } from '../../../src/contract/pulse-admin-contract';
import { useCardStyles } from '../ui/card-styles';
import { askingText, dateLines, STATUS_LABELS } from './pulse-words';

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, justifyContent: 'space-between' },
  name: { overflowWrap: 'anywhere' },
  // Label above value on a phone, side by side when there is room.
  facts: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalXXS, margin: `${tokens.spacingVerticalXS} 0`, '@media (min-width: 480px)': { gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: tokens.spacingHorizontalM } },
  dt: { fontWeight: tokens.fontWeightSemibold, margin: 0 },
  dd: { margin: `0 0 ${tokens.spacingVerticalXS}`, overflowWrap: 'anywhere' },
  groups: { listStyleType: 'none', margin: 0, padding: 0 },
  quiet: { color: tokens.colorNeutralForeground2, display: 'block' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

const BADGE_COLOURS = { draft: 'informative', open: 'success', closed: 'subtle', cancelled: 'danger' } as const;

export interface PulseActions {
  onExtend(item: PulseAdminItem): void;
  onResend(item: PulseAdminItem): void;
  onCancel(item: PulseAdminItem): void;
}

function Facts({ item }: { item: PulseAdminItem }) {
  const styles = useStyles();
  const rows: [string, string][] = [
    ...(item.title ? [['About', item.focalProcess] as [string, string]] : []),
    ['Asking', askingText(item.asking)],
    ['Rating', item.rating.join(', ')],
    ...dateLines(item),
  ];
  if (item.progress) {
    rows.push(['Invited', String(item.progress.invited)], ['Answered', item.progress.answered.text]);
    if (item.status === 'open') rows.push(['Started, not sent yet', item.progress.started.text]);
  }
  return (
    <dl className={styles.facts}>
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt className={styles.dt}>{label}</dt>
          <dd className={styles.dd}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One pulse: its state, scope, dates and counts (as the k rule allows), and what can be done with it. */
export function PulseCard({ item, actions }: { item: PulseAdminItem; actions: PulseActions }) {
  const card = useCardStyles();
  const styles = useStyles();
  const headingId = `pulse-${item.id}`;
  const groups = item.progress?.groups ?? [];
  return (
    <li className={card.card} aria-labelledby={headingId} data-pulse={item.id} data-status={item.status}>
      <div className={styles.head}>
        <h4 id={headingId} className={mergeClasses(card.title, styles.name)}>{item.name}</h4>
        <Badge appearance="tint" color={BADGE_COLOURS[item.status]}>{STATUS_LABELS[item.status]}</Badge>
      </div>
      <Facts item={item} />
      {groups.length > 0 ? (
        <>
          <Body1 as="p" style={{ margin: 0, fontWeight: tokens.fontWeightSemibold }}>Answered, by group</Body1>
          <ul className={styles.groups}>
            {groups.map((g) => <li key={g.name}><Body1>{g.name}: {g.answered.text}{g.invited > 0 ? ` of ${g.invited}` : ''}</Body1></li>)}
          </ul>
          <Caption1 className={styles.quiet}>Counts below {item.k} read “fewer than {item.k}”, so no one can be picked out. Answers join their group in batches.</Caption1>
        </>
      ) : null}
      {item.status === 'open' ? <Caption1 className={styles.quiet}>Figures appear on the Results page when it closes.</Caption1> : null}
      {item.status === 'cancelled' ? <Caption1 className={styles.quiet}>Its answers were deleted and nothing was published.</Caption1> : null}
      <div className={styles.actions}>
        {item.can.edit ? <Button as="a" href={`#pulses/${encodeURIComponent(item.id)}/edit`} icon={<EditRegular />} aria-describedby={headingId}>Edit</Button> : null}
        {item.can.extend ? <Button icon={<CalendarAddRegular />} aria-describedby={headingId} onClick={() => actions.onExtend(item)}>Extend</Button> : null}
        {item.can.resend ? <Button icon={<ArrowRepeatAllRegular />} aria-describedby={headingId} onClick={() => actions.onResend(item)}>Send again</Button> : null}
        {item.can.cancel ? <Button icon={<DismissCircleRegular />} aria-describedby={headingId} onClick={() => actions.onCancel(item)}>Cancel pulse</Button> : null}
      </div>
    </li>
  );
}
