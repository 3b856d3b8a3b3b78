import { randomBytes } from 'node:crypto';
import type { PulseScope } from '../../domain/model/pulse';

/** Partition and row key of one entity. */
export interface EntityKeys {
  partitionKey: string;
  rowKey: string;
}

// Azure Tables refuses '/', '\', '#', '?' and control characters in keys, and keys up to 1 KiB.
const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/**
 * Returns the key part unchanged after checking it is legal. Ids reaching here were already
 * validated by the model, so a failure is a bug: it throws rather than escaping silently.
 */
export function keyPart(value: string): string {
  if (value.length === 0 || value.length > 255 || FORBIDDEN.test(value)) {
    throw new Error(`not a legal table key part: ${JSON.stringify(value.slice(0, 40))}`);
  }
  return value;
}

/** A respondent key as respondentKeyer makes it: an HMAC-SHA256 in 64 hex digits. */
const RESPONDENT_KEY = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi;

/**
 * Text for a log line or an error's detail with every respondent key in it (as in a ledger,
 * draft or reminder row key) replaced by "<respondent>": whoever reads the logs must not be
 * able to match a log line to a person's ledger or draft row (rc-measurement.md section 4).
 */
export function withoutRespondentKeys(text: string): string {
  return text.replace(RESPONDENT_KEY, '<respondent>');
}

/** 128 random bits as 32 hex digits (crypto random): a key that carries no order or meaning. */
export function randomKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Partition key of everything that belongs to one pulse (deliveries, submissions, responses,
 * snapshots). The collaborative id is part of it because pulse ids are only unique within
 * a collaborative; ':' cannot occur in an id, so the pair is unambiguous.
 */
export function scopePartitionKey(scope: PulseScope): string {
  return `${keyPart(scope.collaborativeId)}:${keyPart(scope.pulseId)}`;
}
