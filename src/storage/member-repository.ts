import type { TableClient } from '@azure/data-tables';
import { memberSchema, type Member, type MemberInput } from '../domain/model/member';
import type { Versioned } from './entity-table';
import { memberKeys, memberPartitionKey } from './keys/member-keys';
import { ModelRepository } from './model-repository';

/** The people of each collaborative, with what the bot needs to reach them. */
export class MemberRepository extends ModelRepository<typeof memberSchema> {
  constructor(client: TableClient) {
    super(client, {
      what: 'member',
      schema: memberSchema,
      keysOf: (m) => memberKeys(m.collaborativeId, m.aadObjectId),
      json: ['conversationReference'],
    });
  }

  find(collaborativeId: string, aadObjectId: string): Promise<Versioned<Member> | undefined> {
    return this.table.find(memberKeys(collaborativeId, aadObjectId));
  }

  get(collaborativeId: string, aadObjectId: string): Promise<Versioned<Member>> {
    return this.table.get(memberKeys(collaborativeId, aadObjectId));
  }

  /** Read-modify-write of one member (e.g. on install or uninstall), guarded by its ETag. */
  modify(collaborativeId: string, aadObjectId: string, change: (current: Member) => MemberInput): Promise<Versioned<Member>> {
    return this.modifyAt(memberKeys(collaborativeId, aadObjectId), change);
  }

  /** Every member of a collaborative, read a page of 1,000 at a time. */
  list(collaborativeId: string): Promise<Member[]> {
    return this.listWhere({ partitionKey: memberPartitionKey(collaborativeId) });
  }

  /** Writes many members (a roster import) at once, replacing any with the same ids, in batches of up to 100. */
  upsertMany(inputs: readonly MemberInput[]): Promise<void> {
    return this.upsertRows(inputs);
  }

  /** Removes one; false when it was not there. */
  delete(collaborativeId: string, aadObjectId: string): Promise<boolean> {
    return this.table.delete(memberKeys(collaborativeId, aadObjectId));
  }
}
