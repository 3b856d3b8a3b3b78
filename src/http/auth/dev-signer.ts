import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTVerifyGetKey } from 'jose';
import { DEMO_FACILITATOR_AAD_ID, DEMO_TENANT_ID, demoTeamsPeople } from '../../app/demo/demo-data';
import type { DevUsersResponse } from '../../contract/api-contract';

/**
 * The development signer (AUTH_MODE=development, `npm start` only): issues sign-in tokens for
 * the demo people, so the tab can be tried without an Entra app registration. Its key pair is
 * made when the server starts and never leaves the process, and its tokens carry an issuer of
 * their own, which the verifier accepts only in development mode.
 */

/** The issuer of development tokens; a production verifier refuses it outright. */
export const DEV_ISSUER = 'urn:rc-pulse:development-signer';
/** The audience of development tokens. */
export const DEV_AUDIENCE = 'urn:rc-pulse:tab';
const LIFETIME_SECONDS = 60 * 60;

/** A demo person a developer can sign in as. */
export interface DevPerson {
  upn: string;
  name: string;
  aadObjectId: string;
  facilitator: boolean;
}

export interface DevSigner {
  /** The public key, as a key set for the verifier. */
  keySet: JWTVerifyGetKey;
  people: readonly DevPerson[];
  /** A token for one of `people`. */
  sign(person: DevPerson, now: Date): Promise<{ token: string; expiresAt: string }>;
  users(): DevUsersResponse;
}

/** The demo people of the local Teams client: the first of each workgroup; the first is the facilitator. */
export function demoDevPeople(): DevPerson[] {
  return demoTeamsPeople().map((p) => ({
    upn: p.upn.toLowerCase(),
    name: p.displayName,
    aadObjectId: p.aadObjectId,
    facilitator: p.aadObjectId === DEMO_FACILITATOR_AAD_ID,
  }));
}

/**
 * Makes a signer over a fresh key pair (tokens from an earlier run are no longer accepted).
 * The pair is generated in the background, so the server can mount its routes at once.
 */
export function createDevSigner(people: readonly DevPerson[] = demoDevPeople()): DevSigner {
  const kid = `dev-${Date.now().toString(36)}`;
  const ready = (async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    return { privateKey, keySet: createLocalJWKSet({ keys: [jwk] }) };
  })();
  // Awaited by every use; this only stops a failure nobody awaited yet from ending the process.
  ready.catch(() => undefined);
  return {
    keySet: async (header, token) => (await ready).keySet(header, token),
    people,
    async sign(person, now) {
      const { privateKey } = await ready;
      const iat = Math.floor(now.getTime() / 1000);
      const token = await new SignJWT({
        oid: person.aadObjectId,
        tid: DEMO_TENANT_ID,
        name: person.name,
        preferred_username: person.upn,
        scp: 'access_as_user',
        ver: '2.0',
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(person.aadObjectId)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + LIFETIME_SECONDS)
        .sign(privateKey);
      return { token, expiresAt: new Date((iat + LIFETIME_SECONDS) * 1000).toISOString() };
    },
    users() {
      return { users: people.map((p) => ({ upn: p.upn, name: p.name, role: p.facilitator ? 'facilitator' : 'viewer' })) };
    },
  };
}
