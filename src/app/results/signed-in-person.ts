/**
 * The person using the tab, as their checked sign-in token says (never as the request
 * claims): the HTTP edge builds it after verifying the token, use-cases only read it.
 */
export interface SignedInPerson {
  /** Entra object id (oid), lower case. */
  aadObjectId: string;
  /** Entra tenant id (tid), lower case. */
  tenantId: string;
  /** Display name from the token, for greetings and the audit trail. */
  name: string;
  /** UPN or e-mail from the token, lower case, when it has one. */
  upn?: string;
}
