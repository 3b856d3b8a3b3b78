/**
 * Pure geometry of the RC map: workgroups on an ellipse, directed ties as curves bent to
 * their right (so A -> B and B -> A are two separate lines), an arrowhead at the target and
 * a point halfway for the band's shape. No React, no DOM: easy to reason about and test.
 */

export interface Point {
  x: number;
  y: number;
}

export interface NodePlace extends Point {
  /** Angle on the ellipse, radians, 0 = right, clockwise (SVG y points down). */
  angle: number;
}

export interface TieCurve {
  /** SVG path of the curve, ending where the arrowhead starts. */
  path: string;
  /** SVG path of the arrowhead (a filled triangle). */
  arrow: string;
  /** Halfway along the curve: where the band's shape goes. */
  middle: Point;
}

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 660;
export const NODE_RADIUS = 30;

/** Places n workgroups evenly on an ellipse, the first at the top, going clockwise. */
export function placeNodes(n: number, width = MAP_WIDTH, height = MAP_HEIGHT): NodePlace[] {
  const cx = width / 2;
  const cy = height / 2;
  // Room around the ellipse for the names, which are written outside it.
  const rx = width / 2 - 190;
  const ry = height / 2 - 90;
  return Array.from({ length: n }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
    return { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle), angle };
  });
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Point at t on the quadratic Bezier p0, c, p1. */
function quadratic(p0: Point, c: Point, p1: Point, t: number): Point {
  const u = 1 - t;
  return { x: u * u * p0.x + 2 * u * t * c.x + t * t * p1.x, y: u * u * p0.y + 2 * u * t * c.y + t * t * p1.y };
}

/**
 * The curve for a tie from `a` to `b` (node centres): leaves and arrives at the node's edge,
 * bowed to the right of the direction of travel by `bend` (a share of the distance).
 */
export function tieCurve(a: Point, b: Point, options: { radius?: number; bend?: number; arrow?: number } = {}): TieCurve {
  const radius = options.radius ?? NODE_RADIUS;
  const bend = options.bend ?? 0.12;
  const arrowSize = options.arrow ?? 11;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  // Right-hand normal in SVG coordinates (y down).
  const nx = -uy;
  const ny = ux;
  const control = { x: (a.x + b.x) / 2 + nx * bend * length, y: (a.y + b.y) / 2 + ny * bend * length };
  const startDir = { x: control.x - a.x, y: control.y - a.y };
  const endDir = { x: b.x - control.x, y: b.y - control.y };
  const sLen = Math.hypot(startDir.x, startDir.y) || 1;
  const eLen = Math.hypot(endDir.x, endDir.y) || 1;
  const start = { x: a.x + (startDir.x / sLen) * (radius + 4), y: a.y + (startDir.y / sLen) * (radius + 4) };
  const tip = { x: b.x - (endDir.x / eLen) * (radius + 4), y: b.y - (endDir.y / eLen) * (radius + 4) };
  const ex = endDir.x / eLen;
  const ey = endDir.y / eLen;
  const base = { x: tip.x - ex * arrowSize, y: tip.y - ey * arrowSize };
  const half = arrowSize * 0.55;
  const arrow = `M ${round(tip.x)} ${round(tip.y)} L ${round(base.x - ey * half)} ${round(base.y + ex * half)} L ${round(base.x + ey * half)} ${round(base.y - ex * half)} Z`;
  return {
    path: `M ${round(start.x)} ${round(start.y)} Q ${round(control.x)} ${round(control.y)} ${round(base.x)} ${round(base.y)}`,
    arrow,
    middle: quadratic(start, control, base, 0.5),
  };
}

/** Breaks a workgroup's name into lines of about `width` characters, at spaces. */
export function wrapName(name: string, width = 20): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Where a node's name goes: outside the ellipse, anchored away from the centre. */
export function labelPlace(node: NodePlace, radius = NODE_RADIUS): Point & { anchor: 'start' | 'middle' | 'end' } {
  const cos = Math.cos(node.angle);
  const sin = Math.sin(node.angle);
  const anchor = cos > 0.3 ? 'start' : cos < -0.3 ? 'end' : 'middle';
  const gap = radius + 12;
  return { x: node.x + cos * gap, y: node.y + sin * gap + (sin > 0.3 ? 14 : sin < -0.3 ? -8 : 4), anchor };
}
