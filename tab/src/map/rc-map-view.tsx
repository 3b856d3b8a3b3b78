import { Body1, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { PublishedResults } from '../../../src/contract/api-contract';
import { PlanLink } from '../interventions/plan-link';
import { BandBadge } from '../ui/band-badge';
import { intervalText, meanText, peopleText } from '../ui/figure-format';
import { MapLegend } from './map-legend';
import { mapModel, tieMeaning } from './map-model';
import { RcMapSvg } from './rc-map-svg';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(16rem, 1fr)', gap: tokens.spacingHorizontalXL, alignItems: 'start', '@media (max-width: 900px)': { gridTemplateColumns: '1fr' } },
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end', marginBottom: tokens.spacingVerticalM },
  details: {
    position: 'sticky',
    top: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minHeight: '9rem',
  },
  big: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground2 },
  help: { maxWidth: '52rem', margin: `0 0 ${tokens.spacingVerticalM}` },
});

/**
 * The RC map: workgroups as points, each directed tie as a line coloured by band with a
 * non-colour cue too. Hovering a tie or moving to it with the keyboard shows its figure,
 * interval and n beside the map (and to screen readers); clicking or Enter keeps it there.
 */
export function RcMapView({ results }: { results: PublishedResults }) {
  const styles = useStyles();
  const k = results.method.k;
  const [focusGroup, setFocusGroup] = useState('');
  const { groups, items } = useMemo(() => mapModel(results, focusGroup || undefined), [results, focusGroup]);
  const [hovered, setHovered] = useState<string>();
  const [focused, setFocused] = useState<string>();
  const [pinned, setPinned] = useState<string>();
  const [focusIndex, setFocusIndex] = useState(0);
  // Keyboard focus first (a resting mouse pointer must not hide what the keyboard reached),
  // then the pointer, then a tie kept open with Enter or a click.
  const shown = items.find((i) => i.key === (focused ?? hovered ?? pinned));
  return (
    <>
      <Body1 as="p" className={styles.help} id="rc-map-help">
        Each arrow is how people in one group experience working with another group. The circle around a group is how its own members experience working with
        each other. Move over an arrow, or press Tab to reach the map and then the arrow keys, to see its figure.
        {groups.some((g) => g.families) ? ' Families answered through family links, on their phones; like every group, their figures show only when enough of them answered.' : ''}
      </Body1>
      <div className={styles.controls}>
        <Field label="Show ties of">
          <Select value={focusGroup} onChange={(_, data) => { setFocusGroup(data.value); setFocusIndex(0); setPinned(undefined); }}>
            <option value="">All groups</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </Select>
        </Field>
        <MapLegend bands={results.method.bands} k={k} families={groups.some((g) => g.families)} />
      </div>
      <div className={styles.layout}>
        <RcMapSvg groups={groups} items={items} active={shown?.key} focusIndex={Math.min(focusIndex, items.length - 1)} describedBy="rc-map-help"
          onHover={setHovered} onKeyboardFocus={setFocused} onFocusIndex={setFocusIndex}
          onPin={(key) => setPinned((p) => (p === key ? undefined : key))} onRelease={() => setPinned(undefined)} />
        <section className={styles.details} aria-live="polite" aria-label="Tie details" data-part="tie-details" data-tie={shown?.key}>
          {shown ? (
            <>
              <Text weight="semibold">{tieMeaning(shown.tie)}</Text>
              <div>
                <span className={shown.tie.suppressed ? undefined : styles.big} data-part="mean">{meanText(shown.tie, k)}</span>{' '}
                {shown.tie.band ? <BandBadge band={shown.tie.band} /> : null}
              </div>
              {intervalText(shown.tie.ci95) ? <Text data-part="interval">95% interval {intervalText(shown.tie.ci95)}</Text> : null}
              {peopleText(shown.tie.n) ? <Text className={styles.hint} data-part="n">{peopleText(shown.tie.n)}</Text> : null}
              {shown.key === pinned ? <Text className={styles.hint}>Kept open: press Enter again or click the tie to let go.</Text> : null}
              {shown.key === pinned ? <div><PlanLink tie={shown.tie} pulseId={results.pulse.id} /></div> : <Text className={styles.hint}>Click the tie, or press Enter, to plan an intervention for it.</Text>}
            </>
          ) : (
            <Text className={styles.hint}>Move over a tie, or reach it with the keyboard, to see its figure, 95% interval and number of people.</Text>
          )}
        </section>
      </div>
    </>
  );
}
