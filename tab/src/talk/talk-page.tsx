import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular, ArrowRightRegular, ShareScreenStartRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CollaborativeResponse, PulseSummary } from '../../../src/contract/api-contract';
import { useServices } from '../app-services';
import { stageSharing, type StageSharing } from '../host/meeting';
import { interventionApi } from '../interventions/intervention-api';
import { pulseLabel } from '../results/pulse-label';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { asApiError, useLoad } from '../ui/use-load';
import type { ApiError } from '../api/api-client';
import { TalkStep } from './talk-step';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '1em', fontSize: '1.25rem', lineHeight: 1.5, maxWidth: '60rem' },
  // The meeting stage: the whole window, larger type still, nothing but the step.
  stage: { fontSize: 'clamp(1.35rem, 2.4vw, 2.2rem)', maxWidth: 'none', minHeight: 'calc(100vh - 4rem)', padding: '1rem 2vw' },
  head: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalM },
  title: { fontSize: '1.8em', lineHeight: 1.2, margin: 0, fontWeight: tokens.fontWeightSemibold },
  step: { display: 'flex', flexDirection: 'column', gap: '0.8em', outline: 'none' },
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center', marginTop: 'auto' },
  hint: { color: tokens.colorNeutralForeground2, fontSize: '0.8em' },
});

/**
 * "Talk it through": a closed pulse one step at a time, for a workshop or a Teams meeting.
 * Next and Back (or the left and right arrow keys) move between steps; each step's heading
 * takes focus, so a screen reader reads the new step. `stage` is the meeting stage's layout.
 */
export function TalkPage({ collaborative, pulse, stage = false }: { collaborative: CollaborativeResponse; pulse: PulseSummary; stage?: boolean }) {
  const styles = useStyles();
  const { api, host } = useServices();
  const calls = useMemo(() => interventionApi(api, collaborative.id), [api, collaborative.id]);
  const [state, retry] = useLoad(() => calls.talkItThrough(pulse.id), [calls, pulse.id]);
  const [index, setIndex] = useState(0);
  const [sharing, setSharing] = useState<StageSharing>();
  const [shareError, setShareError] = useState<ApiError>();
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const count = state.status === 'ready' ? state.data.view.steps.length : 0;

  useEffect(() => {
    let live = true;
    if (!stage) void stageSharing(host).then((s) => live && setSharing(s));
    return () => {
      live = false;
    };
  }, [host, stage]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      // Arrow keys inside a field or a list of choices keep their own meaning.
      if (target?.closest('input, textarea, select, [role="listbox"], [role="tablist"]')) return;
      if (e.key === 'ArrowRight') setIndex((i) => Math.min(i + 1, Math.max(count - 1, 0)));
      if (e.key === 'ArrowLeft') setIndex((i) => Math.max(i - 1, 0));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count]);
  useEffect(() => {
    // Focus follows the step only after a move, not when the page first opens.
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [index]);

  if (state.status === 'loading') return <LoadingState label="Preparing the steps…" />;
  if (state.status === 'error') {
    if (state.error.status === 409) return <NoticeState title="Nothing to talk through yet" state="talk-not-ready">{state.error.message}</NoticeState>;
    return <ErrorState error={state.error} onRetry={retry} title="Talk it through could not be shown" />;
  }
  const { view } = state.data;
  const at = Math.min(index, view.steps.length - 1);
  const step = view.steps[at]!;
  const share = async () => {
    setShareError(undefined);
    const url = new URL(window.location.href);
    url.searchParams.set('stage', '1');
    url.searchParams.delete('as');
    url.hash = '';
    try {
      await sharing?.share(url.toString());
    } catch (err) {
      setShareError(asApiError(err));
    }
  };
  return (
    <section className={mergeClasses(styles.page, stage && styles.stage)} aria-label="Talk it through" data-part="talk" data-stage={stage ? 'true' : undefined}>
      <div className={styles.head}>
        <Text className={styles.hint}>Talk it through: {pulseLabel(pulse)}</Text>
        <Text className={styles.hint} data-part="step-count" aria-live="polite">Step {at + 1} of {view.steps.length}</Text>
      </div>
      <div className={styles.step} data-step={step.kind} data-step-index={at}>
        <h2 className={styles.title} ref={heading} tabIndex={-1}>{step.title}</h2>
        <TalkStep step={step} pulseId={pulse.id} stage={stage} />
      </div>
      <div className={styles.nav} role="group" aria-label="Move between steps">
        <Button size="large" icon={<ArrowLeftRegular />} disabled={at === 0} onClick={() => setIndex(at - 1)} data-action="back">Back</Button>
        <Button size="large" appearance="primary" icon={<ArrowRightRegular />} iconPosition="after" disabled={at === view.steps.length - 1} onClick={() => setIndex(at + 1)} data-action="next">Next</Button>
        {sharing ? <Button size="large" icon={<ShareScreenStartRegular />} onClick={() => void share()} data-action="share-to-stage">Share to meeting</Button> : null}
        <Text className={styles.hint}>The left and right arrow keys move between steps too.</Text>
      </div>
      {shareError ? <ErrorState error={shareError} title="It could not be shared to the meeting" /> : null}
    </section>
  );
}
