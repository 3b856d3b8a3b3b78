import { makeStyles, tokens } from '@fluentui/react-components';
import type { FocusEvent, KeyboardEvent } from 'react';
import { BAND_STYLES, SUPPRESSED_STYLE, glyphPath } from '../ui/band-style';
import { MAP_HEIGHT, MAP_WIDTH, NODE_RADIUS, labelPlace, placeNodes, tieCurve, wrapName, type NodePlace } from './map-geometry';
import type { MapGroup, MapItem } from './map-model';

const useStyles = makeStyles({
  svg: { width: '100%', height: 'auto', maxHeight: '72vh', display: 'block' },
  item: { cursor: 'pointer', outlineStyle: 'none', ':focus-visible .focus-ring': { strokeOpacity: 1 } },
  hit: { fill: 'none', stroke: 'transparent', strokeWidth: '16px' },
  ring: { fill: 'none', stroke: tokens.colorStrokeFocus2, strokeWidth: '3px', strokeOpacity: 0 },
  name: { fill: tokens.colorNeutralForeground1, fontSize: '15px', fontWeight: 600 },
  node: { fill: tokens.colorNeutralBackground1 },
  // The Families group's second ring (see the key): its people answered through family links.
  families: { fill: 'none', stroke: tokens.colorBrandStroke1, strokeWidth: '2px' },
});

export interface RcMapSvgProps {
  groups: MapGroup[];
  items: MapItem[];
  /** The tie whose details are shown (the others are dimmed). */
  active?: string;
  focusIndex: number;
  /** The pointer is over a tie (undefined: over none). */
  onHover(key: string | undefined): void;
  /** A tie has keyboard focus (undefined: focus left it). */
  onKeyboardFocus(key: string | undefined): void;
  onFocusIndex(index: number): void;
  /** Enter or a click: keep this tie's details; again: let go. */
  onPin(key: string): void;
  /** Escape: let go of any kept tie. */
  onRelease(): void;
  /** Id of the element that explains the map and its keys. */
  describedBy: string;
}

/** The next item for an arrow, Home or End key, wrapping round; undefined for other keys. */
function nextIndex(key: string, index: number, count: number): number | undefined {
  const last = count - 1;
  if (key === 'ArrowRight' || key === 'ArrowDown') return index === last ? 0 : index + 1;
  if (key === 'ArrowLeft' || key === 'ArrowUp') return index === 0 ? last : index - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return undefined;
}

/**
 * The map itself. Every tie is one focusable item (a roving tab stop: Tab enters the map, the
 * arrow keys move from tie to tie, Enter keeps a tie's details open, Escape lets go). Ties are
 * coloured by band AND drawn with the band's width, dash and shape; suppressed ties are thin
 * grey dashes. Lines are drawn first and the groups on top, so no line hides a name.
 */
export function RcMapSvg({ groups, items, active, focusIndex, onHover, onKeyboardFocus, onFocusIndex, onPin, onRelease, describedBy }: RcMapSvgProps) {
  const styles = useStyles();
  const places = placeNodes(groups.length);
  const at = new Map(groups.map((g, i) => [g.id, places[i]!]));

  const itemProps = (item: MapItem, index: number) => ({
    className: styles.item,
    tabIndex: index === focusIndex ? 0 : -1,
    role: 'button',
    'aria-label': item.label,
    'data-index': index,
    'data-tie': item.key,
    'data-band': item.tie.suppressed ? 'suppressed' : (item.tie.band ?? 'none'),
    onFocus: (event: FocusEvent<SVGGElement>) => {
      onFocusIndex(index);
      // A click focuses the tie too; only keyboard focus should outrank the pointer.
      if (event.currentTarget.matches(':focus-visible')) onKeyboardFocus(item.key);
    },
    onBlur: () => onKeyboardFocus(undefined),
    onMouseEnter: () => onHover(item.key),
    onMouseLeave: () => onHover(undefined),
    onClick: () => onPin(item.key),
    onKeyDown: (event: KeyboardEvent<SVGGElement>) => {
      const next = nextIndex(event.key, index, items.length);
      if (next !== undefined) {
        event.preventDefault();
        onFocusIndex(next);
        (event.currentTarget.ownerSVGElement?.querySelector(`[data-index="${next}"]`) as SVGGElement | null)?.focus();
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onPin(item.key);
      } else if (event.key === 'Escape') {
        onRelease();
      }
    },
  });
  const styleOf = (item: MapItem) => {
    const band = item.tie.band && !item.tie.suppressed ? BAND_STYLES[item.tie.band] : undefined;
    if (band) return { band, stroke: band.stroke, width: band.width, dash: band.dash };
    return { band, stroke: SUPPRESSED_STYLE.stroke, width: SUPPRESSED_STYLE.width, dash: SUPPRESSED_STYLE.dash };
  };

  const edge = (item: MapItem, index: number) => {
    const curve = tieCurve(at.get(item.tie.from)!, at.get(item.tie.to)!);
    const s = styleOf(item);
    return (
      <g key={item.key} {...itemProps(item, index)} opacity={active && active !== item.key ? 0.2 : 1}>
        <path d={curve.path} className={styles.hit} />
        <path d={curve.path} className={`${styles.ring} focus-ring`} style={{ strokeWidth: s.width + 6 }} />
        <path d={curve.path} fill="none" style={{ stroke: s.stroke, strokeWidth: s.width, strokeDasharray: s.dash }} />
        <path d={curve.arrow} style={{ fill: s.stroke }} />
        {s.band ? <path d={glyphPath(s.band.shape, 6)} transform={`translate(${curve.middle.x} ${curve.middle.y})`} style={{ fill: s.stroke }} /> : null}
      </g>
    );
  };

  const node = (group: MapGroup, place: NodePlace) => {
    const index = items.findIndex((i) => i.within && i.tie.from === group.id);
    const item = items[index];
    const s = item ? styleOf(item) : undefined;
    const label = labelPlace(place);
    // Names beside the ellipse (left and right) wrap sooner, so they stay inside the picture.
    const lines = wrapName(group.name, label.anchor === 'middle' ? 20 : 14);
    // Names above the ellipse grow upwards, so they never run into their own node.
    const firstY = Math.sin(place.angle) < -0.3 ? label.y - (lines.length - 1) * 17 : label.y;
    const body = (
      <>
        <circle cx={place.x} cy={place.y} r={NODE_RADIUS} className={styles.node}
          style={{ stroke: s?.stroke ?? tokens.colorNeutralStroke1, strokeWidth: (s?.width ?? 1.5) + 1, strokeDasharray: s?.dash }} />
        {s?.band ? <path d={glyphPath(s.band.shape, 8)} transform={`translate(${place.x} ${place.y})`} style={{ fill: s.stroke }} /> : null}
        {group.families ? <circle cx={place.x} cy={place.y} r={NODE_RADIUS + 5} className={styles.families} data-part="families-ring" /> : null}
        <circle cx={place.x} cy={place.y} r={NODE_RADIUS + 6} className={`${styles.ring} focus-ring`} />
        <text className={styles.name} x={label.x} y={firstY} textAnchor={label.anchor} aria-hidden={item ? true : undefined}>
          {lines.map((line, i) => (
            <tspan key={`${i}-${line}`} x={label.x} dy={i === 0 ? 0 : 17}>{line}</tspan>
          ))}
        </text>
      </>
    );
    return item ? (
      <g key={group.id} {...itemProps(item, index)} data-group={group.id}>{body}</g>
    ) : (
      <g key={group.id} data-group={group.id}>{body}</g>
    );
  };

  return (
    <svg className={styles.svg} viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="group" aria-label="RC map: ties between the groups" aria-describedby={describedBy}>
      {items.map((item, index) => (item.within ? null : edge(item, index)))}
      {groups.map((group, i) => node(group, places[i]!))}
    </svg>
  );
}
