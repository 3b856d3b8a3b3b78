import { Button, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSwapRegular, ChatMultipleRegular, DataBarVerticalRegular, HeartPulseRegular, HistoryRegular, TaskListLtrRegular } from '@fluentui/react-icons';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';

const useStyles = makeStyles({
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM, paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  title: { margin: `0 0 ${tokens.spacingVerticalS}` },
});

export type Section = 'results' | 'interventions' | 'talk' | 'transitions' | 'pulses' | 'audit';

/**
 * The collaborative's sections: its results, its interventions, "Talk it through" for a
 * closed pulse, its transition checks, and for facilitators its pulses and audit trail. Links (so Back, a new window and a shared address all work), the open one
 * marked as the current page.
 */
export function SectionNav({ current, canTalk, collaborative, withTitle = false }: { current: Section; canTalk: boolean; collaborative: CollaborativeResponse; withTitle?: boolean }) {
  const styles = useStyles();
  const link = (section: Section, href: string, label: string, icon: React.ReactElement) => (
    <Button as="a" href={href} icon={icon} appearance={current === section ? 'primary' : 'subtle'} aria-current={current === section ? 'page' : undefined} data-section={section}>
      {label}
    </Button>
  );
  return (
    <>
      {withTitle ? <Title2 as="h1" className={styles.title}>{collaborative.name}</Title2> : null}
      <nav className={styles.nav} aria-label={`${collaborative.name}: sections`}>
        {link('results', '#overview', 'Results', <DataBarVerticalRegular />)}
        {link('interventions', '#interventions', 'Interventions', <TaskListLtrRegular />)}
        {canTalk ? link('talk', '#talk', 'Talk it through', <ChatMultipleRegular />) : null}
        {link('transitions', '#transitions', 'Transitions', <ArrowSwapRegular />)}
        {collaborative.role === 'facilitator' ? link('pulses', '#pulses', 'Pulses', <HeartPulseRegular />) : null}
        {collaborative.role === 'facilitator' ? link('audit', '#audit', 'Audit trail', <HistoryRegular />) : null}
      </nav>
    </>
  );
}
