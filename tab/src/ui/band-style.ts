import { tokens } from '@fluentui/react-components';
import type { Band } from '../../../src/contract/api-contract';

/**
 * What each band looks like. Colour is never the only cue: every band also has a shape (the
 * same on the map, in badges and in the matrix), a word, and on the map a line width and
 * dash. Colours are Fluent's theme tokens, so the default, dark and high-contrast themes
 * of Teams each get colours made for them.
 */

export interface BandStyle {
  /** Line and glyph colour. */
  stroke: string;
  /** A light background for cells holding text in the foreground colour. */
  background: string;
  /** Line width on the map. */
  width: number;
  /** SVG dash pattern on the map (undefined: solid). */
  dash?: string;
  /** Shape of the glyph: a filled circle, a diamond, a downward triangle. */
  shape: 'circle' | 'diamond' | 'triangle';
}

export const BAND_STYLES: Record<Band, BandStyle> = {
  strong: { stroke: tokens.colorPaletteGreenForeground1, background: tokens.colorPaletteGreenBackground2, width: 5, shape: 'circle' },
  moderate: { stroke: tokens.colorPaletteMarigoldForeground1, background: tokens.colorPaletteMarigoldBackground2, width: 3.5, shape: 'diamond' },
  weak: { stroke: tokens.colorPaletteRedForeground1, background: tokens.colorPaletteRedBackground2, width: 2.5, dash: '8 3', shape: 'triangle' },
};

/**
 * Suppressed ties: thin, grey and finely dashed, so they read as "not shown", not as weak
 * (a mid grey that still has 3:1 contrast for a graphic on the background).
 */
export const SUPPRESSED_STYLE = { stroke: tokens.colorNeutralForeground3, width: 1.5, dash: '2 4' } as const;

/** The SVG path of a band's glyph, centred on 0,0 with the given radius. */
export function glyphPath(shape: BandStyle['shape'], r: number): string {
  switch (shape) {
    case 'circle':
      return `M ${-r} 0 a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0 Z`;
    case 'diamond':
      return `M 0 ${-r * 1.2} L ${r * 1.2} 0 L 0 ${r * 1.2} L ${-r * 1.2} 0 Z`;
    case 'triangle':
      return `M ${-r * 1.15} ${-r * 0.8} L ${r * 1.15} ${-r * 0.8} L 0 ${r * 1.2} Z`;
  }
}
