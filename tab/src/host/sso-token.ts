import { TeamsUserCredential } from '@microsoft/teamsfx';

/**
 * The ONLY module that uses @microsoft/teamsfx (deprecated upstream by 2026-07, in favour of
 * the Microsoft 365 Agents SDK): replacing it means changing this file alone. It is loaded
 * only inside Teams, so the browser fallback never downloads it.
 *
 * The tab asks for the Teams single sign-on token itself (no scopes): its audience is RC
 * Pulse's own API, which validates it. No Microsoft Graph token is needed, so no pop-up
 * consent either.
 */

export interface SsoSettings {
  /** The Entra app registration's client id (the one in the manifest's webApplicationInfo). */
  clientId: string;
  /** The page Teams would open for an interactive sign-in; unused while only SSO is needed. */
  initiateLoginEndpoint: string;
}

/** A token source that returns a valid Teams SSO token, renewed by the credential when near expiry. */
export function teamsSsoTokenSource(settings: SsoSettings): () => Promise<string> {
  const credential = new TeamsUserCredential(settings);
  return async () => {
    const token = await credential.getToken('');
    if (!token) throw new Error('Teams did not give a sign-in token');
    return token.token;
  };
}
