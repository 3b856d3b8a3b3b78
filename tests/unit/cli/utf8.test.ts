import fc from 'fast-check';
import { firstInvalidUtf8, incompleteTail } from '../../../src/cli/utf8';

const decodes = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

// Mostly UTF-8-like bytes: lead bytes, continuation bytes and ASCII, so that both valid and
// subtly invalid sequences (overlong forms, surrogates, cut-short characters) come up often.
const utf8ish = fc.uint8Array({ maxLength: 40 }).chain((seed) =>
  fc.array(fc.oneof(fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }), fc.integer({ min: 0, max: 0x7f })),
    { maxLength: 40 }).map((xs) => new Uint8Array([...seed.slice(0, 4), ...xs])));

describe('finding the first byte that is not UTF-8', () => {
  it('agrees with the strict TextDecoder on whether bytes are valid, and where the valid part ends', () => {
    fc.assert(fc.property(utf8ish, (bytes) => {
      const at = firstInvalidUtf8(bytes);
      expect(at === -1).toBe(decodes(bytes));
      if (at >= 0) {
        expect(decodes(bytes.subarray(0, at))).toBe(true);
        expect(decodes(bytes.subarray(0, at + 4))).toBe(false);
      }
    }), { numRuns: 3000 });
  });

  it('names overlong forms, surrogates and bytes above U+10FFFF as invalid', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new TextEncoder().encode('Café €𝄞'))).toBe(-1);
  });
});

describe('the bytes a streaming decoder holds back', () => {
  it('are exactly the start of a character cut by the end of a chunk', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.nat(), fc.nat(), (text, a, b) => {
      const bytes = new TextEncoder().encode(text);
      const [first, second] = [a, b].map((x) => x % (bytes.length + 1)).sort((x, y) => x - y) as [number, number];
      const decoder = new TextDecoder('utf-8', { fatal: true });
      const tail1 = incompleteTail(new Uint8Array(0), bytes.subarray(0, first));
      const out1 = decoder.decode(bytes.subarray(0, first), { stream: true });
      expect(new TextEncoder().encode(out1).length + tail1.length).toBe(first);
      const tail2 = incompleteTail(tail1, bytes.subarray(first, second));
      const out2 = decoder.decode(bytes.subarray(first, second), { stream: true });
      expect(new TextEncoder().encode(out1 + out2).length + tail2.length).toBe(second);
    }), { numRuns: 2000 });
  });
});
