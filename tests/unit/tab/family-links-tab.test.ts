import type { PublishedResults, TieFigures } from '../../../src/contract/api-contract';
import { FAMILIES_WORKGROUP_ID } from '../../../src/domain/model/family';
import { linkName, linkStatusText } from '../../../tab/src/family/link-words';
import { qrImageSource } from '../../../tab/src/family/qr-image';
import { mapModel, tieMeaning } from '../../../tab/src/map/map-model';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>';

describe("a family link's QR code", () => {
  it('becomes an image address (data:image/svg+xml), never markup put into the page', () => {
    const src = qrImageSource(SVG)!;
    expect(src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    // Every character that could end an attribute or start a tag is escaped.
    expect(src).not.toMatch(/[<>"' ]/);
    expect(decodeURIComponent(src.slice(src.indexOf(',') + 1))).toBe(SVG);
  });

  it('accepts an XML declaration before the SVG', () => {
    expect(qrImageSource(`<?xml version="1.0"?>\n${SVG}`)).toBe(qrImageSource(SVG));
  });

  it('refuses text that is not one whole SVG element, or is far too large to be a QR code', () => {
    for (const bad of ['', 'hello', '<img src=x onerror=alert(1)>', `${SVG}<script>alert(1)</script>`, `<div>${SVG}</div>`, `<svg>${'x'.repeat(300_000)}</svg>`]) {
      expect(qrImageSource(bad)).toBeUndefined();
    }
  });
});

describe('a family link in words', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('says whether it was used, has expired, or until when it works (UK dates)', () => {
    expect(linkStatusText({ used: true, expiresAt: '2026-03-01T00:00:00Z' }, now)).toBe('Used: the family has answered');
    expect(linkStatusText({ used: false, expiresAt: '2026-03-09T09:00:00Z' }, now)).toBe('Expired on Monday 9 March 2026');
    expect(linkStatusText({ used: false, expiresAt: '2026-03-17T09:00:00Z' }, now)).toBe('Not used yet, expires on Tuesday 17 March 2026');
    expect(linkName(0, 3)).toBe('Link 1 of 3');
  });
});

describe('Families in the RC map', () => {
  const HIDDEN = { mean: null, n: null, ci95: null, band: null, suppressed: true };
  const tie = (from: string, to: string, names: Record<string, string>): TieFigures => ({
    from, to, fromName: names[from]!, toName: names[to]!, mean: 3.9, n: 6, ci95: [3.7, 4.1], band: 'moderate', suppressed: false,
    dimensions: {} as TieFigures['dimensions'],
  });
  const names = { mbu: 'Mother and baby unit', [FAMILIES_WORKGROUP_ID]: 'Families' };
  const results = {
    method: { k: 5, minItems: 4, bands: { moderate: 3.5, strong: 4 }, instrument: { id: 'rc7', name: 'RC' } },
    figures: {
      workgroups: [
        { id: 'mbu', name: 'Mother and baby unit', respondents: 6, outgoing: HIDDEN, incoming: HIDDEN },
        { id: FAMILIES_WORKGROUP_ID, name: 'Families', respondents: null, outgoing: HIDDEN, incoming: HIDDEN },
      ],
      ties: [tie('mbu', FAMILIES_WORKGROUP_ID, names), { ...tie(FAMILIES_WORKGROUP_ID, 'mbu', names), ...HIDDEN }],
    },
  } as unknown as PublishedResults;

  it('is one more group, marked as answering through family links', () => {
    expect(mapModel(results).groups.map((g) => [g.name, g.families])).toEqual([['Mother and baby unit', false], ['Families', true]]);
  });

  it('speaks of families as people, and a suppressed Families figure reads "fewer than k responses" like any other', () => {
    const items = mapModel(results).items;
    expect(items.map((i) => i.label)).toEqual([
      'How people in Mother and baby unit experience working with families: 3.90, moderate, 95% interval 3.70 to 4.10, 6 people',
      'How families experience working with Mother and baby unit: fewer than 5 responses',
    ]);
    expect(tieMeaning(items[1]!.tie)).toBe('How families experience working with Mother and baby unit');
  });
});
