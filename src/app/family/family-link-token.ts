import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { familyLinkIdSchema } from '../../domain/model/family-link';

/**
 * The token at the end of a family link, `<linkId>.<signature>`: the link id is 128 random
 * bits; the signature is an HMAC-SHA256 of it with the server secret SECRET_LINK_KEY (kept
 * apart from the respondent-key secret), cut to 128 bits. Checking it needs no storage, so a
 * changed, cut or made-up link is turned away before anything is read, and nobody can make a
 * working link without the secret even knowing every issued id.
 */

const SIGNATURE = /^[A-Za-z0-9_-]{22}$/;

/** Signs and checks family-link tokens with one secret. */
export interface FamilyLinkSigner {
  /** The token for a link id. */
  token(linkId: string): string;
  /** The link id a token carries, or undefined when it is not one this secret signed. */
  verify(token: string): string | undefined;
}

/** A new link id: 128 crypto-random bits, 32 hex digits. */
export function newLinkId(): string {
  return randomBytes(16).toString('hex');
}

/** A signer over the secret (at least 32 characters, as the configuration requires). */
export function familyLinkSigner(secret: string): FamilyLinkSigner {
  if (secret.length < 32) throw new Error('the family link secret must be at least 32 characters');
  const sign = (linkId: string) => createHmac('sha256', secret).update(`family-link\n${linkId}`).digest().subarray(0, 16);
  return {
    token: (linkId) => `${familyLinkIdSchema.parse(linkId)}.${sign(linkId).toString('base64url')}`,
    verify(token) {
      const [linkId, signature, ...rest] = token.split('.');
      if (rest.length > 0 || !linkId || !signature) return undefined;
      if (!familyLinkIdSchema.safeParse(linkId).success || !SIGNATURE.test(signature)) return undefined;
      const given = Buffer.from(signature, 'base64url');
      // Base64url has spare bits in its last character: only the one canonical spelling counts.
      if (given.toString('base64url') !== signature) return undefined;
      return timingSafeEqual(given, sign(linkId)) ? linkId : undefined;
    },
  };
}
