import { Field, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Session } from '../host/sign-in';

const useStyles = makeStyles({
  bar: { marginBottom: tokens.spacingVerticalM },
  body: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  select: { minWidth: '18rem' },
});

/**
 * Shown only with the development sign-in (outside Teams, AUTH_MODE=development): says who
 * the tab is signed in as and lets a developer switch demo person (reloads with ?as=upn).
 */
export function DevBanner({ session }: { session: Session }) {
  const styles = useStyles();
  const switchTo = (upn: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set('as', upn);
    window.location.assign(url.toString());
  };
  return (
    <MessageBar intent="info" className={styles.bar} data-state="development">
      <MessageBarBody className={styles.body}>
        <span>Development sign-in (not Teams): demo data only.</span>
        <Field label="Signed in as" orientation="horizontal">
          <Select className={styles.select} value={session.devUser?.upn} onChange={(_, data) => switchTo(data.value)}>
            {(session.devUsers ?? []).map((u) => (
              <option key={u.upn} value={u.upn}>
                {u.name} ({u.role})
              </option>
            ))}
          </Select>
        </Field>
      </MessageBarBody>
    </MessageBar>
  );
}
