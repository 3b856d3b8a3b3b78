import { Body1, Button, MessageBar, MessageBarBody, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import type { PulseAdminItem } from '../../../src/contract/pulse-admin-contract';
import { useServices } from '../app-services';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useLoad } from '../ui/use-load';
import { pulseAdminApi } from './pulse-admin-api';
import { PulseCard } from './pulse-card';
import { CancelDialog, ExtendDialog, ResendDialog } from './pulse-dialogs';
import { PulseFormPage } from './pulse-form';
import { SECTIONS } from './pulse-words';

const useStyles = makeStyles({
  help: { margin: `0 0 ${tokens.spacingVerticalM}`, maxWidth: '48rem' },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM },
  section: { marginBottom: tokens.spacingVerticalXL },
  // One column on a phone, more as the page widens: cards, never a wide table.
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM, gridTemplateColumns: 'repeat(auto-fill, minmax(min(22rem, 100%), 1fr))' },
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
  notice: { marginBottom: tokens.spacingVerticalM },
});

/** Which part of the Pulses page the address shows. */
export type PulsesView = { view: 'list' } | { view: 'new' } | { view: 'edit'; id: string };

type Open = { kind: 'extend' | 'resend' | 'cancel'; item: PulseAdminItem } | undefined;

/**
 * The collaborative's pulses, for its facilitators: open, scheduled, closed and cancelled,
 * each with its scope, dates and counts (as the k rule allows), and what can be done with it
 * (extend, send again, cancel, change a scheduled one); and the form that starts or schedules
 * one. The same use-cases as the bot's "pulse" commands; the server refuses anyone else.
 */
export function PulsesPage({ collaborative, at }: { collaborative: CollaborativeResponse; at: PulsesView }) {
  const styles = useStyles();
  const { api } = useServices();
  const calls = useMemo(() => pulseAdminApi(api, collaborative.id), [api, collaborative.id]);
  const [state, reload] = useLoad(() => calls.list(), [calls]);
  const [open, setOpen] = useState<Open>();
  const [notice, setNotice] = useState<string>();
  const done = (message: string) => {
    setOpen(undefined);
    setNotice(message);
    reload();
    if (at.view !== 'list') window.location.hash = '#pulses';
  };
  if (state.status === 'loading') return <LoadingState label="Loading the pulses…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} title="The pulses could not be shown" />;
  const admin = state.data;

  if (at.view === 'new') return <PulseFormPage admin={admin} calls={calls} onDone={done} />;
  if (at.view === 'edit') {
    const editing = admin.pulses.find((p) => p.id === at.id && p.can.edit);
    if (!editing) {
      return (
        <NoticeState title="This pulse cannot be changed" state="not-editable" actions={<Button as="a" href="#pulses">Back to pulses</Button>}>
          Only a scheduled pulse can be changed, until it opens. An open pulse can be extended or cancelled.
        </NoticeState>
      );
    }
    return <PulseFormPage key={editing.id} admin={admin} calls={calls} editing={editing} onDone={done} />;
  }

  const actions = {
    onExtend: (item: PulseAdminItem) => setOpen({ kind: 'extend', item }),
    onResend: (item: PulseAdminItem) => setOpen({ kind: 'resend', item }),
    onCancel: (item: PulseAdminItem) => setOpen({ kind: 'cancel', item }),
  };
  const dialogProps = open ? { item: open.item, calls, onClose: () => setOpen(undefined), onDone: done } : undefined;
  return (
    <section aria-labelledby="pulses-title" data-page="pulses">
      <h2 id="pulses-title">Pulses</h2>
      <Body1 as="p" className={styles.help}>
        Start a pulse now or schedule one, and look after those that are open. Counts of answers below a pulse’s minimum group size are never shown. Only facilitators see this page.
      </Body1>
      <div className={styles.bar}>
        <Button as="a" href="#pulses/new" appearance="primary" icon={<AddRegular />}>Start or schedule a pulse</Button>
      </div>
      {notice ? (
        <MessageBar intent="success" layout="multiline" className={styles.notice} role="status" data-part="notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {SECTIONS.map((s) => {
        const items = admin.pulses.filter((p) => p.status === s.status);
        return (
          <section key={s.status} className={styles.section} aria-labelledby={`pulses-${s.status}`} data-section={s.status}>
            <Subtitle1 as="h3" id={`pulses-${s.status}`}>{s.title}</Subtitle1>
            {items.length === 0 ? (
              <Body1 as="p" className={styles.empty}>{s.empty}</Body1>
            ) : (
              <ul className={styles.list} aria-labelledby={`pulses-${s.status}`}>
                {items.map((item) => <PulseCard key={item.id} item={item} actions={actions} />)}
              </ul>
            )}
          </section>
        );
      })}
      {open?.kind === 'extend' && dialogProps ? <ExtendDialog {...dialogProps} /> : null}
      {open?.kind === 'resend' && dialogProps ? <ResendDialog {...dialogProps} /> : null}
      {open?.kind === 'cancel' && dialogProps ? <CancelDialog {...dialogProps} /> : null}
    </section>
  );
}
