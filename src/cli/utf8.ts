/**
 * Helpers to place an invalid UTF-8 byte. TextDecoder (fatal) says only that a chunk is bad,
 * not where; these find the spot so the message can name the line and column.
 */

/** Length of the sequence a lead byte starts, or 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Allowed range of the second byte (WHATWG: no overlong forms, surrogates or > U+10FFFF). */
function secondByteOk(lead: number, b: number): boolean {
  if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf;
  if (lead === 0xed) return b >= 0x80 && b <= 0x9f;
  if (lead === 0xf0) return b >= 0x90 && b <= 0xbf;
  if (lead === 0xf4) return b >= 0x80 && b <= 0x8f;
  return b >= 0x80 && b <= 0xbf;
}

/**
 * Offset of the first byte sequence that is not valid UTF-8 (a sequence cut short by the
 * end counts as invalid), or -1 when all of `bytes` is valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const n = sequenceLength(lead);
    if (n === 0 || i + n > bytes.length) return i;
    if (n > 1 && !secondByteOk(lead, bytes[i + 1]!)) return i;
    for (let j = 2; j < n; j++) {
      const b = bytes[i + j]!;
      if (b < 0x80 || b > 0xbf) return i;
    }
    i += n;
  }
  return -1;
}

/**
 * The bytes at the end of a stream read so far that start a character not yet complete
 * (what a streaming TextDecoder holds back). `previous` is the last such tail.
 */
export function incompleteTail(previous: Uint8Array, chunk: Uint8Array): Uint8Array {
  const joined = chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : concat(previous, chunk).slice(-3);
  for (let k = 1; k <= joined.length; k++) {
    const b = joined[joined.length - k]!;
    if (b < 0x80) return new Uint8Array(0);
    if (b >= 0xc0) return sequenceLength(b) > k ? joined.slice(joined.length - k) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
