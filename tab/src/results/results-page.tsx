import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import { apiPaths, collaborativeResponseSchema, pulsesResponseSchema, type PulseSummary } from '../../../src/contract/api-contract';
import { useServices } from '../app-services';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useLoad } from '../ui/use-load';
import { isStageLayout } from '../host/meeting';
import { AuditPage } from '../audit/audit-page';
import { InterventionsPage } from '../interventions/interventions-page';
import { useRoute } from '../interventions/use-route';
import { TalkPage } from '../talk/talk-page';
import { StartTransitionForm } from '../transitions/start-form';
import { TransitionsPage } from '../transitions/transitions-page';
import { PulsesPage } from '../pulses/pulses-page';
import { NoPulseYet } from './no-pulse-yet';
import { PulseResults } from './pulse-results';
import { SectionNav, type Section } from './section-nav';
import { useCollaborative } from './use-collaborative';

/**
 * The results tab: finds the collaborative (see useCollaborative), then its pulses, and shows
 * the chosen pulse's results. Every step has a designed state; none leaves the page blank.
 */
export function ResultsPage() {
  const choice = useCollaborative();
  const [picked, setPicked] = useState<string>();
  if (choice.status === 'loading') return <LoadingState label="Finding your collaborative…" />;
  if (choice.status === 'error') return <ErrorState error={choice.error} onRetry={() => window.location.reload()} />;
  const c = choice.data;
  if (c.kind === 'chosen' || picked) return <CollaborativeResults id={picked ?? (c as { id: string }).id} />;
  if (c.kind === 'choose') {
    return (
      <NoticeState title="Which collaborative?" state="choose-collaborative"
        actions={c.options.map((o) => <Button key={o.id} onClick={() => setPicked(o.id)}>{o.name}</Button>)}>
        You take part in more than one collaborative. Choose whose results to see.
      </NoticeState>
    );
  }
  if (c.reason === 'not_linked') {
    return (
      <NoticeState title="This team is not linked to a collaborative yet" state="not-linked">
        <p>RC Pulse shows a collaborative&apos;s results in the team where the collaborative works.</p>
        <p>A facilitator can link this team by typing <strong>setup</strong> to RC Pulse in this channel, or choose the collaborative in this tab&apos;s settings.</p>
      </NoticeState>
    );
  }
  return (
    <NoticeState title="You are not on a collaborative's list yet" state="not-member">
      <p>Results are shared with the people taking part in a collaborative. If you should be one of them, please ask your collaborative&apos;s facilitator to add you.</p>
    </NoticeState>
  );
}

/** The newest pulse worth showing: open or closed surveys (transition checks have their own view). */
function defaultPulse(pulses: readonly PulseSummary[]): PulseSummary | undefined {
  const asked = new URLSearchParams(window.location.search).get('pulse');
  const surveys = pulses.filter((p) => p.kind === 'survey' && p.status !== 'draft');
  return surveys.find((p) => p.id === asked) ?? surveys[0];
}

function CollaborativeResults({ id }: { id: string }) {
  const { api } = useServices();
  const [state, retry] = useLoad(
    () => Promise.all([api.get(apiPaths.collaborative(id), collaborativeResponseSchema), api.get(apiPaths.pulses(id), pulsesResponseSchema)]),
    [id],
  );
  const [pulseId, setPulseId] = useState<string>();
  const route = useRoute();
  if (state.status === 'loading') return <LoadingState label="Loading results…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} />;
  const [collaborative, { pulses }] = state.data;
  const surveys = pulses.filter((p) => p.kind === 'survey' && p.status !== 'draft');
  const pulse = surveys.find((p) => p.id === pulseId) ?? defaultPulse(pulses);
  // "Talk it through" is for a closed pulse: the chosen one when closed, else the newest closed.
  const closed = pulse?.status === 'closed' ? pulse : surveys.find((p) => p.status === 'closed');
  // The meeting stage (?stage=1) shows "Talk it through" alone: no navigation, nothing else.
  if (isStageLayout()) return closed ? <TalkPage collaborative={collaborative} pulse={closed} stage /> : <NoPulseYet collaborative={collaborative} />;
  const nav = (current: Section, withTitle = false) => (
    <SectionNav current={current} canTalk={Boolean(closed)} collaborative={collaborative} withTitle={withTitle} />
  );
  if (route.page === 'audit') {
    return (
      <>
        {nav('audit', true)}
        <AuditPage collaborative={collaborative} />
      </>
    );
  }
  if (route.page === 'pulses' || route.page === 'pulse-new' || route.page === 'pulse-edit') {
    const at = route.page === 'pulse-new' ? { view: 'new' as const } : route.page === 'pulse-edit' ? { view: 'edit' as const, id: route.id } : { view: 'list' as const };
    return (
      <>
        {nav('pulses', true)}
        <PulsesPage collaborative={collaborative} at={at} />
      </>
    );
  }
  if (route.page === 'transitions' || route.page === 'transition-new') {
    return (
      <>
        {nav('transitions', true)}
        {route.page === 'transitions' ? <TransitionsPage collaborative={collaborative} /> : <StartTransitionForm collaborative={collaborative} />}
      </>
    );
  }
  if (route.page !== 'results' && route.page !== 'talk') {
    return (
      <>
        {nav('interventions', true)}
        <InterventionsPage collaborative={collaborative} route={route} />
      </>
    );
  }
  if (route.page === 'talk' && closed) {
    return (
      <>
        {nav('talk', true)}
        <TalkPage collaborative={collaborative} pulse={closed} />
      </>
    );
  }
  if (!pulse) return <>{nav('results')}<NoPulseYet collaborative={collaborative} /></>;
  return (
    <>
      {nav('results')}
      <PulseResults collaborative={collaborative} pulses={surveys} pulse={pulse} onPickPulse={setPulseId} />
    </>
  );
}
