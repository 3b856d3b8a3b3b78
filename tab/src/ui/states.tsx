import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-client';

/**
 * The designed states every page and view uses, so none is ever blank: loading, an empty
 * state that says what to do next, an error with a way to try again, and "not enough
 * answers yet". Each is a labelled region a screen reader announces.
 */

const useStyles = makeStyles({
  loading: { padding: tokens.spacingVerticalXXL, display: 'flex', justifyContent: 'center' },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxWidth: '42rem',
    padding: tokens.spacingVerticalXL,
    margin: `${tokens.spacingVerticalL} 0`,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  body: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, '& p': { margin: `0 0 ${tokens.spacingVerticalS}` } },
  title: { margin: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalS },
});

/** A spinner with words, announced politely. */
export function LoadingState({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.loading} role="status" aria-live="polite" data-state="loading">
      <Spinner label={label} labelPosition="below" />
    </div>
  );
}

export interface NoticeProps {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  /** For tests and styling hooks: which designed state this is. */
  state: string;
}

/** A calm panel with a title, a few plain sentences and optional actions (empty and "too few" states). */
export function NoticeState({ title, children, actions, state }: NoticeProps) {
  const styles = useStyles();
  return (
    <section className={styles.panel} aria-label={title} data-state={state}>
      <Subtitle1 as="h2" className={styles.title}>{title}</Subtitle1>
      <div className={styles.body}>{children}</div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </section>
  );
}

/** What a person can do next, by kind of failure (the server's message says what happened). */
function nextStep(error: ApiError): string | undefined {
  if (error.status === 404) return 'Please check the link, or open RC Pulse from your collaborative\'s channel in Teams.';
  if (error.status === 403) return 'If you think you should see this, a facilitator of the collaborative can add you.';
  if (error.status === 0 || error.status >= 500) return 'This is usually brief: please try again in a moment.';
  return undefined;
}

/** What went wrong in the server's own words, what to do next, and "Try again" when that can help. */
export function ErrorState({ error, onRetry, title = 'The results could not be shown' }: { error: ApiError; onRetry?: () => void; title?: string }) {
  const canRetry = onRetry && (error.status === 0 || error.status >= 500 || error.status === 401);
  const next = nextStep(error);
  return (
    <MessageBar intent="error" layout="multiline" data-state="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.message}
        {error.reference ? ` (reference ${error.reference})` : ''}
        {next ? <p style={{ margin: `${tokens.spacingVerticalXS} 0 0` }}>{next}</p> : null}
      </MessageBarBody>
      {canRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
