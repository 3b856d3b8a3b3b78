/* Pure: no DOM, so unit tests can check it. */

/**
 * Where the points of the team RC chart go: time across (the close of each check), RC 1 to 5
 * up the side. Points closed on the same day sit side by side rather than on top of each
 * other, so none hides another.
 */

export const CHART = { width: 420, height: 230, left: 32, right: 12, top: 12, bottom: 34 } as const;

export interface ChartPoint {
  x: number;
  y: number;
}

const DAY = 86_400_000;

/** The y of an RC value (1 at the bottom, 5 at the top). */
export function yOf(value: number): number {
  const inner = CHART.height - CHART.top - CHART.bottom;
  const clamped = Math.min(5, Math.max(1, value));
  return Math.round((CHART.top + inner * (1 - (clamped - 1) / 4)) * 10) / 10;
}

/**
 * x and y for each point (given oldest first). One point, or all on one day, sit in the
 * middle; otherwise the first is at the left edge and the last at the right.
 */
export function chartPoints(points: readonly { closedAt: string; mean: number }[]): ChartPoint[] {
  const inner = CHART.width - CHART.left - CHART.right;
  const times = points.map((p) => Date.parse(p.closedAt));
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const seen = new Map<number, number>();
  return points.map((p, i) => {
    const day = Math.floor(times[i]! / DAY);
    const repeat = seen.get(day) ?? 0;
    seen.set(day, repeat + 1);
    const base = span < DAY ? CHART.left + inner / 2 : CHART.left + (inner * (times[i]! - first)) / span;
    const x = Math.min(CHART.width - CHART.right, base + repeat * 10);
    return { x: Math.round(x * 10) / 10, y: yOf(p.mean) };
  });
}

/** The gridlines' values and places: 1 to 5. */
export function gridLines(): { value: number; y: number }[] {
  return [1, 2, 3, 4, 5].map((value) => ({ value, y: yOf(value) }));
}
