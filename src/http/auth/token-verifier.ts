import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { SignedInPerson } from '../../app/results/signed-in-person';
import type { AuthConfig, EntraAuthConfig } from '../../config/auth-config';
import { SignInUnavailableError, UnauthenticatedError } from './auth-errors';
import { DEV_AUDIENCE, DEV_ISSUER, type DevSigner } from './dev-signer';

/**
 * Checks the sign-in token the tab sends (Authorization: Bearer) and says who it is for.
 *
 * An Entra token is trusted only when: its signature verifies against the keys Microsoft
 * publishes (fetched once and cached by jose, fetched again when a new key id appears, so
 * key rotation needs nothing from us); it is RS256; its audience is this app (client id or
 * Application ID URI); its issuer is Microsoft's v2 or v1 issuer for the tenant named in the
 * token; it is within its lifetime (`nbf` to `exp`, with a small allowance for clock
 * difference); it was asked for by one of the allowed apps (`azp`, or `appid` in v1 tokens:
 * Teams' clients); and it carries the delegated scope the tab asks for. A token whose header
 * names any other algorithm (`none`, or HS256 signed with the public key as a shared secret)
 * is refused before any key is looked at. Whether that tenant may use a collaborative is
 * decided later, per collaborative (403, not 401).
 */

export interface TokenVerifier {
  verify(token: string): Promise<SignedInPerson>;
}

const SIGN_IN_AGAIN = 'Please close and reopen the tab to sign in again.';
const guid = z.guid().transform((s) => s.toLowerCase());

const claimsSchema = z.object({
  oid: guid,
  tid: guid,
  name: z.string().trim().min(1).max(200).optional(),
  preferred_username: z.string().trim().min(1).max(320).optional(),
  upn: z.string().trim().min(1).max(320).optional(),
  unique_name: z.string().trim().min(1).max(320).optional(),
  email: z.string().trim().min(1).max(320).optional(),
  scp: z.string().optional(),
});

/** Who the verified claims describe. */
function personOf(payload: JWTPayload): SignedInPerson {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) {
    throw new UnauthenticatedError(`Your sign-in does not say who you are. ${SIGN_IN_AGAIN}`, 'token lacks a valid oid or tid');
  }
  const c = claims.data;
  const upn = [c.preferred_username, c.upn, c.unique_name, c.email].find((v) => v !== undefined && v.includes('@'));
  return {
    aadObjectId: c.oid,
    tenantId: c.tid,
    name: c.name ?? upn ?? 'Someone',
    ...(upn ? { upn: upn.toLowerCase() } : {}),
  };
}

/** A jose failure as the error a person sees: expired, untrusted, or the key service down. */
function translate(error: unknown): never {
  if (error instanceof UnauthenticatedError) throw error;
  if (error instanceof errors.JWTExpired) {
    throw new UnauthenticatedError(`Your sign-in has expired. ${SIGN_IN_AGAIN}`, 'token expired', 'sign_in_expired');
  }
  // jose raises its plain base class (not a subclass) when the key set answer is not 200 or
  // not JSON, and lets network errors through: the key service failed, not the token.
  const keyService =
    error instanceof errors.JWKSTimeout ||
    (error instanceof errors.JOSEError && error.constructor === errors.JOSEError) ||
    (error instanceof Error && !(error instanceof errors.JOSEError));
  if (keyService) {
    throw new SignInUnavailableError(`signing keys unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const detail = error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : String(error);
  throw new UnauthenticatedError(`Your sign-in could not be checked. ${SIGN_IN_AGAIN}`, `token refused (${detail})`);
}

function entraVerifier(config: EntraAuthConfig, keys: JWTVerifyGetKey) {
  return async (token: string): Promise<SignedInPerson> => {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['RS256'],
      audience: config.audiences,
      clockTolerance: config.clockToleranceSeconds,
      requiredClaims: ['exp', 'iss', 'tid', 'oid'],
    });
    const tid = typeof payload.tid === 'string' ? payload.tid : '';
    // Multi-tenant: the issuer must be Microsoft's issuer for the very tenant the token names.
    const expected = config.issuers.map((template) => template.replace('{tid}', tid));
    if (!expected.includes(payload.iss ?? '')) {
      throw new UnauthenticatedError(`Your sign-in was not issued by Microsoft for your organisation. ${SIGN_IN_AGAIN}`, `issuer ${payload.iss} not accepted`);
    }
    if (config.requiredScope && !(typeof payload.scp === 'string' && payload.scp.split(' ').includes(config.requiredScope))) {
      throw new UnauthenticatedError(`Your sign-in does not allow RC Pulse to act for you. ${SIGN_IN_AGAIN}`, `scope ${config.requiredScope} missing`);
    }
    // The app that asked for the token: only Teams may, so a token another app obtained for
    // this audience (with the person's consent, or a tenant admin's) is not accepted.
    const client = typeof payload.azp === 'string' ? payload.azp : typeof payload.appid === 'string' ? payload.appid : undefined;
    if (!client || !config.allowedClientIds.includes(client.toLowerCase())) {
      throw new UnauthenticatedError(`Your sign-in came from an app RC Pulse does not accept. Please open RC Pulse from its tab in Microsoft Teams.`, `client app ${client ?? '(none)'} not allowed`);
    }
    return personOf(payload);
  };
}

function devVerifier(signer: DevSigner) {
  return async (token: string): Promise<SignedInPerson> => {
    const { payload } = await jwtVerify(token, signer.keySet, { algorithms: ['RS256'], issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    return personOf(payload);
  };
}

/**
 * The verifier for a configuration. Development tokens are recognised by their issuer and
 * accepted only when a development signer is given (AUTH_MODE=development); Entra tokens
 * only when an app registration is configured.
 */
export function createTokenVerifier(config: AuthConfig, devSigner?: DevSigner): TokenVerifier {
  const entra = config.entra ? entraVerifier(config.entra, createRemoteJWKSet(new URL(config.entra.jwksUrl))) : undefined;
  const dev = config.mode === 'development' && devSigner ? devVerifier(devSigner) : undefined;
  return {
    async verify(token) {
      let issuer: string | undefined;
      let algorithm: unknown;
      try {
        issuer = decodeJwt(token).iss;
        algorithm = decodeProtectedHeader(token).alg;
      } catch {
        throw new UnauthenticatedError(`Your sign-in could not be read. ${SIGN_IN_AGAIN}`, 'token is not a JWT');
      }
      // jwtVerify pins RS256 too; refusing here as well keeps an unsigned or HMAC token from
      // ever reaching a key look-up, whatever a future change to the options might do.
      if (algorithm !== 'RS256') {
        throw new UnauthenticatedError(`Your sign-in could not be checked. ${SIGN_IN_AGAIN}`, `token algorithm ${String(algorithm)} refused`);
      }
      try {
        if (issuer === DEV_ISSUER) {
          if (!dev) throw new UnauthenticatedError('Development sign-in is not accepted here. Please open RC Pulse from Microsoft Teams.', 'development token refused');
          return await dev(token);
        }
        if (!entra) throw new UnauthenticatedError('Sign-in with Microsoft is not set up on this server. Please tell the person who runs it.', 'no TAB_CLIENT_ID');
        return await entra(token);
      } catch (error) {
        translate(error);
      }
    },
  };
}
