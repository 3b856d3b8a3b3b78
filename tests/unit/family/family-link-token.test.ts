import { familyLinkSigner, newLinkId } from '../../../src/app/family/family-link-token';

const KEY = 'unit-test-family-link-secret-0123456789abcdef';
const OTHER_KEY = 'another-family-link-secret-0123456789abcdef!';

/** Changes the character at `i` to another one from the same alphabet. */
function changed(token: string, i: number): string {
  const c = token[i]!;
  const swap = c === 'a' ? 'b' : c === 'A' ? 'B' : /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : 'a';
  return token.slice(0, i) + swap + token.slice(i + 1);
}

describe('family link tokens', () => {
  const signer = familyLinkSigner(KEY);

  it('carry a random 128-bit id and verify under their own secret', () => {
    const id = newLinkId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newLinkId()).not.toBe(id);
    expect(signer.verify(signer.token(id))).toBe(id);
  });

  it('are refused when any one character is changed', () => {
    const token = signer.token(newLinkId());
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      expect([i, signer.verify(changed(token, i))]).toEqual([i, undefined]);
    }
  });

  it('are refused under another secret, cut short, lengthened, or with a made-up signature', () => {
    const id = newLinkId();
    const token = signer.token(id);
    expect(familyLinkSigner(OTHER_KEY).verify(token)).toBeUndefined();
    expect(signer.verify(token.slice(0, -1))).toBeUndefined();
    expect(signer.verify(`${token}A`)).toBeUndefined();
    expect(signer.verify(`${token}.x`)).toBeUndefined();
    expect(signer.verify(id)).toBeUndefined();
    expect(signer.verify(`${id}.${'A'.repeat(22)}`)).toBeUndefined();
    expect(signer.verify(token.toUpperCase())).toBeUndefined();
    expect(signer.verify('')).toBeUndefined();
  });

  it('need a secret of at least 32 characters', () => {
    expect(() => familyLinkSigner('short')).toThrow();
  });
});
