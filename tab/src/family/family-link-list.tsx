import { Button, Caption1, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { linkName, linkStatusText, type FamilyLinkItem } from './link-words';
import { qrImageSource } from './qr-image';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(16rem, 100%), 1fr))', gap: tokens.spacingHorizontalL },
  item: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0,
    padding: tokens.spacingVerticalM, borderRadius: tokens.borderRadiusLarge, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1,
  },
  // A QR code needs a light quiet zone whatever the theme, or phones cannot read it.
  qr: { width: '10rem', height: '10rem', alignSelf: 'center', backgroundColor: '#ffffff', padding: tokens.spacingHorizontalS, borderRadius: tokens.borderRadiusMedium },
  copyRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', minWidth: 0 },
  url: { flex: '1 1 auto', minWidth: 0 },
  quiet: { color: tokens.colorNeutralForeground2 },
  used: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
});

/**
 * Writes text to the clipboard; when the host forbids it (some Teams clients do inside a
 * tab), selects the address in its field instead, so Ctrl+C or a long press copies it.
 */
async function copy(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.focus();
    field?.select();
    return false;
  }
}

function LinkCard({ link, index, count, now }: { link: FamilyLinkItem; index: number; count: number; now: Date }) {
  const styles = useStyles();
  const field = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState('');
  const name = linkName(index, count);
  const src = qrImageSource(link.qrSvg);
  const open = !link.used && Date.parse(link.expiresAt) > now.getTime();
  return (
    <li className={styles.item} data-family-link={link.linkId} data-used={link.used}>
      <Text weight="semibold">{name}</Text>
      <Text className={link.used ? styles.used : undefined} data-part="link-status">{linkStatusText(link, now)}</Text>
      {open && src ? <img className={styles.qr} src={src} alt={`QR code for ${name.toLowerCase()}: scanning it opens the family's questions`} data-part="qr" /> : null}
      {open && !src ? <Caption1 className={styles.quiet}>The QR code could not be shown; the link below works just the same.</Caption1> : null}
      {open ? (
        <>
          <div className={styles.copyRow}>
            <Input className={styles.url} input={{ ref: field }} value={link.url} readOnly aria-label={`Address of ${name.toLowerCase()}`} data-part="link-url" />
            <Button icon={<CopyRegular />} aria-label={`Copy ${name.toLowerCase()}`} onClick={() => void copy(link.url, field.current).then((ok) => setSaid(ok ? 'Copied.' : 'Selected: press Ctrl+C to copy.'))} data-action="copy-link">
              Copy
            </Button>
          </div>
          <Caption1 className={styles.quiet} role="status" aria-live="polite">{said}</Caption1>
        </>
      ) : null}
    </li>
  );
}

/**
 * A pulse's or a check's family links: each with where it stands (used, or when it expires),
 * and while it can still be used, its QR code and its address with a Copy button. One link is
 * for one person: the page says so where links are issued.
 */
export function FamilyLinkList({ links, now = new Date() }: { links: readonly FamilyLinkItem[]; now?: Date }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Family links" data-part="family-links">
      {links.map((link, i) => <LinkCard key={link.linkId} link={link} index={i} count={links.length} now={now} />)}
    </ul>
  );
}
