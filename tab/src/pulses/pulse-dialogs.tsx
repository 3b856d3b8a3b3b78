import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PulseAdminItem, PulseCancelResponse } from '../../../src/contract/pulse-admin-contract';
import type { ApiError } from '../api/api-client';
import { ErrorState } from '../ui/states';
import { asApiError } from '../ui/use-load';
import type { PulseAdminCalls } from './pulse-admin-api';
import { whenText } from './pulse-words';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  p: { margin: 0 },
  strong: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  // Buttons wrap under each other on a phone rather than running off the side.
  actions: { flexWrap: 'wrap' },
});

export interface DialogProps {
  /** Kept mounted and closed by this, so that closing gives the page back to screen readers. */
  open: boolean;
  item: PulseAdminItem;
  calls: PulseAdminCalls;
  onClose(): void;
  /** Done: what to tell the facilitator. */
  onDone(message: string): void;
}

/** Runs an action, keeping its refusal to show in the dialog. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** Moves an open pulse's close later: by whole days, or to a day. The server's refusal is shown under the field. */
export function ExtendDialog({ open, item, calls, onClose, onDone }: DialogProps) {
  const styles = useStyles();
  const [by, setBy] = useState<'days' | 'date'>('days');
  const [days, setDays] = useState('7');
  const [date, setDate] = useState('');
  const { busy, error, run } = useAction();
  const submit = () =>
    run(async () => {
      const result = await calls.extend(item.id, by === 'days' ? { days: Number(days) } : { date });
      onDone(`“${item.name}” now closes ${whenText(result.pulse.closesAt ?? result.previousClosesAt)}.`);
    });
  const message = error && error.status < 500 ? { validationState: 'error' as const, validationMessage: error.message } : {};
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby="extend-help" data-part="extend-dialog">
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
          <DialogBody>
            <DialogTitle>Extend “{item.name}”</DialogTitle>
            <DialogContent className={styles.content}>
              <Body1 as="p" id="extend-help" className={styles.p}>
                It closes {item.closesAt ? whenText(item.closesAt) : 'soon'}. A pulse can be extended 4 times, and stays open 8 weeks at most. Its figures still appear once, when it closes.
              </Body1>
              <RadioGroup value={by} onChange={(_, d) => setBy(d.value as 'days' | 'date')} aria-label="How to extend it">
                <Radio value="days" label="By a number of days" />
                <Radio value="date" label="To a day" />
              </RadioGroup>
              {by === 'days' ? (
                <Field label="Days more" {...message}>
                  <Input type="number" min={1} max={56} value={days} onChange={(_, d) => setDays(d.value)} data-field="extend-days" />
                </Field>
              ) : (
                <Field label="New closing day" hint="It keeps its closing time of day." {...message}>
                  <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} data-field="extend-date" />
                </Field>
              )}
              {error && error.status >= 500 ? <ErrorState error={error} title="The pulse was not extended" /> : null}
            </DialogContent>
            <DialogActions className={styles.actions}>
              <Button appearance="primary" type="submit" disabled={busy}>{busy ? 'Extending…' : 'Extend the pulse'}</Button>
              <Button onClick={onClose}>Not now</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** Sends the survey card again to those invited who have not started. */
export function ResendDialog({ open, item, calls, onClose, onDone }: DialogProps) {
  const styles = useStyles();
  const { busy, error, run } = useAction();
  const submit = () =>
    run(async () => {
      const r = await calls.resend(item.id);
      if (r.nobodyToRemind) return onDone('Everyone invited has started or answered, so nobody needed the card again.');
      const when = r.notBefore ? ` It is quiet hours now, so the cards wait until ${whenText(r.notBefore)}.` : '';
      onDone(`The survey card is on its way again to ${r.resent} ${r.resent === '1' ? 'person' : 'people'}.${when}`);
    });
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby="resend-help" data-part="resend-dialog">
        <DialogBody>
          <DialogTitle>Send “{item.name}” again?</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1 as="p" id="resend-help" className={styles.p}>
              Everyone invited who has not started it is sent the survey card again. People who have started or answered are not. Each person gets it at most once an hour.
            </Body1>
            {error ? <ErrorState error={error} title="The card was not sent again" /> : null}
          </DialogContent>
          <DialogActions className={styles.actions}>
            <Button appearance="primary" onClick={() => void submit()} disabled={busy}>{busy ? 'Sending…' : 'Send it again'}</Button>
            <Button onClick={onClose}>Not now</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * Asks before cancelling, in the confirmation card's own words (fetched first: nothing
 * changes until "Yes" is pressed): answers are deleted and nothing is ever published.
 */
export function CancelDialog({ open, item, calls, onClose, onDone }: DialogProps) {
  const styles = useStyles();
  const [question, setQuestion] = useState<Extract<PulseCancelResponse, { kind: 'confirm' }>>();
  const { busy, error, run } = useAction();
  useEffect(() => {
    void run(async () => {
      const asked = await calls.cancel(item.id, false);
      if (asked.kind === 'confirm') setQuestion(asked);
      else onDone(`“${item.name}” was already cancelled.`);
    });
    // Asked once, when the dialog opens for this pulse.
  }, [item.id]);
  const confirm = () =>
    run(async () => {
      await calls.cancel(item.id, true);
      onDone(`“${item.name}” was cancelled. Its answers were deleted and nothing will be published.`);
    });
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby="cancel-what" data-part="cancel-dialog">
        <DialogBody>
          <DialogTitle>Cancel “{item.name}”?</DialogTitle>
          <DialogContent className={styles.content} id="cancel-what">
            {question ? (
              <>
                {question.lines.map((line, i) => <Body1 as="p" key={i} className={i === question.lines.length - 1 ? styles.strong : styles.p}>{line}</Body1>)}
                {question.status === 'draft' ? <Body1 as="p" className={styles.p}>No results will ever be published for it, and this cannot be undone.</Body1> : null}
              </>
            ) : !error ? (
              <Spinner size="small" label="Checking what cancelling would do…" />
            ) : null}
            {error ? <ErrorState error={error} title="The pulse was not cancelled" /> : null}
          </DialogContent>
          <DialogActions className={styles.actions}>
            <Button appearance="primary" onClick={() => void confirm()} disabled={busy || !question} data-action="confirm-cancel">
              {question?.confirmLabel ?? 'Yes, cancel it'}
            </Button>
            <Button onClick={onClose}>No, keep it</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
