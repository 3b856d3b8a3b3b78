import type restify from 'restify';
import { UnprocessableError } from '../app/results/unprocessable-error';
import { devTokenRequestSchema, type DevTokenResponse } from '../contract/api-contract';
import type { DevSigner } from './auth/dev-signer';
import { input, publicRoute, type RouteKit } from './route-kit';

/**
 * Development sign-in (AUTH_MODE=development only, which the configuration allows on a
 * loopback address alone): the tab, opened outside Teams by `npm start`, lists the demo
 * people and asks for a token for one of them. Never mounted in production.
 */
export function registerDevRoutes(server: restify.Server, kit: RouteKit, signer: DevSigner): void {
  server.get('/api/dev/users', publicRoute(kit, async () => ({ json: signer.users() })));
  server.post(
    '/api/dev/token',
    publicRoute(kit, async (req) => {
      const { upn } = input(req.body ?? {}, devTokenRequestSchema, 'sign-in request');
      const person = signer.people.find((p) => p.upn === upn);
      if (!person) {
        const known = signer.people.map((p) => p.upn).join(', ');
        throw new UnprocessableError(`There is no demo person ${upn}. Choose one of: ${known}.`, `unknown demo upn ${upn}`, 'unknown_person');
      }
      // Real time, not the app's clock: tokens are checked against real time.
      const signed = await signer.sign(person, new Date());
      const body: DevTokenResponse = { token: signed.token, tokenType: 'Bearer', expiresAt: signed.expiresAt };
      return { json: body };
    }),
  );
}
