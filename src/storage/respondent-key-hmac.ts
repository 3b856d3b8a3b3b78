import { createHmac } from 'node:crypto';
import type { RespondentKey } from '../domain/model/respondent-key';
import type { PulseScope } from '../domain/model/pulse';

/**
 * Makes respondent keys: HMAC-SHA256, with the server secret SECRET_LEDGER_HMAC_KEY, of the
 * person's Entra object id within one pulse. Without the secret a key cannot be traced back
 * to a person, or even tried against a list of staff ids. The pulse is part of the input so
 * that the same person's ledger rows in two pulses do not share a key (no linking across
 * pulses). The secret must stay the same while any pulse is open, or people could answer twice.
 */
export function respondentKeyer(secret: string): (scope: PulseScope, aadObjectId: string) => RespondentKey {
  if (secret.length < 32) throw new Error('the respondent key secret must be at least 32 characters');
  return (scope, aadObjectId) =>
    createHmac('sha256', secret)
      .update(`${scope.collaborativeId}\n${scope.pulseId}\n${aadObjectId.toLowerCase()}`)
      .digest('hex');
}
