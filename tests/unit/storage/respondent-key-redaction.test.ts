import { RestError } from '@azure/data-tables';
import { z } from 'zod';
import { entityCodec } from '../../../src/storage/entity-codec';
import { ledgerKeys } from '../../../src/storage/keys/submission-keys';
import { withoutRespondentKeys } from '../../../src/storage/keys/key-rules';
import { respondentKeyer } from '../../../src/storage/respondent-key-hmac';
import { toStorageError } from '../../../src/storage/storage-errors';

const scope = { collaborativeId: 'yh', pulseId: 'spring' };
const key = respondentKeyer('a-secret-of-at-least-thirty-two-characters')(scope, '6f1d3c2a-8b7e-4c5d-9a0b-1c2d3e4f5a6b');
const ledgerRow = ledgerKeys(scope, key);

describe('errors about rows keyed by a respondent key', () => {
  it('never carry the key: a storage failure on a ledger row', () => {
    const failure = new RestError(`The update condition specified in the request was not satisfied. RowKey='${ledgerRow.rowKey}'`, { statusCode: 412 });
    const mapped = toStorageError(failure, `update ledger entry ${ledgerRow.partitionKey}/${ledgerRow.rowKey}`) as Error;
    expect(mapped.message).toContain('ledger entry yh:spring/L:<respondent>');
    expect(mapped.message).not.toContain(key);
    expect(mapped.message).not.toContain(key.slice(0, 16));
  });

  it('never carry the key: a ledger row that does not read back', () => {
    const codec = entityCodec('ledger entry', z.object({ finished: z.boolean() }));
    const read = () => codec.fromEntity({ ...ledgerRow, finished: 'yes' } as never);
    expect(read).toThrow(/ledger entry yh:spring\/L:<respondent> does not match/);
    try {
      read();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(key);
    }
  });

  it('leaves other keys and ids as they are', () => {
    expect(withoutRespondentKeys('pending response yh:spring/P:0123456789abcdef0123456789abcdef')).toBe('pending response yh:spring/P:0123456789abcdef0123456789abcdef');
  });
});
