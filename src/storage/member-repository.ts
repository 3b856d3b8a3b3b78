import { odata, type TableClient } from '@azure/data-tables';
import { memberSchema, signInNameSchema, type Member, type MemberInput } from '../domain/model/member';
import { guidSchema } from '../domain/model/primitives';
import { PAGE_SIZE, type Versioned } from './entity-table';
import { memberKeys, memberPartitionKey } from './keys/member-keys';
import { ModelRepository, type ChangeSet } from './model-repository';
import { toStorageError } from './storage-errors';

/** Where a member sits on the list, for counting (see listPlacements). */
export interface MemberPlacement {
  aadObjectId: string | undefined;
  workgroupId: string | undefined;
  organisationId: string | undefined;
}

/** The identities Teams or a roster knows a person by; any of them may be missing. */
export interface MemberIdentity {
  aadObjectId?: string;
  upn?: string;
  email?: string;
}

/**
 * The people of each collaborative, with what the bot needs to reach them. Rows are keyed by
 * member id; the Entra object id, UPN and e-mail are properties found by the lookups below
 * (each a query within the collaborative's partition).
 */
export class MemberRepository extends ModelRepository<typeof memberSchema> {
  constructor(client: TableClient) {
    super(client, {
      what: 'member',
      schema: memberSchema,
      keysOf: (m) => memberKeys(m.collaborativeId, m.id),
      json: ['conversationReference'],
    });
  }

  find(collaborativeId: string, memberId: string): Promise<Versioned<Member> | undefined> {
    return this.table.find(memberKeys(collaborativeId, memberId));
  }

  get(collaborativeId: string, memberId: string): Promise<Versioned<Member>> {
    return this.table.get(memberKeys(collaborativeId, memberId));
  }

  /** The member with this Entra object id (any case), or undefined. */
  async findByAadObjectId(collaborativeId: string, aadObjectId: string): Promise<Versioned<Member> | undefined> {
    const id = guidSchema.safeParse(aadObjectId);
    if (!id.success) return undefined;
    return this.first(collaborativeId, odata`aadObjectId eq ${id.data}`);
  }

  /**
   * The member whose UPN or e-mail is this value, compared without regard to case (both
   * are stored in lower case), or undefined. A roster gives "e-mail or UPN" in one column
   * and Teams gives both, so either property may hold what the caller has.
   */
  async findByUpnOrEmail(collaborativeId: string, upnOrEmail: string): Promise<Versioned<Member> | undefined> {
    const value = signInNameSchema.safeParse(upnOrEmail);
    if (!value.success) return undefined;
    return this.first(collaborativeId, odata`upn eq ${value.data} or email eq ${value.data}`);
  }

  /**
   * The member a Teams user or a roster line is, trying the Entra object id first (it never
   * changes), then the UPN, then the e-mail. Undefined when none matches.
   */
  async findByIdentity(collaborativeId: string, identity: MemberIdentity): Promise<Versioned<Member> | undefined> {
    if (identity.aadObjectId) {
      const found = await this.findByAadObjectId(collaborativeId, identity.aadObjectId);
      if (found) return found;
    }
    for (const name of [identity.upn, identity.email]) {
      const found = name ? await this.findByUpnOrEmail(collaborativeId, name) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** Read-modify-write of one member (e.g. on install or uninstall), guarded by its ETag. */
  modify(collaborativeId: string, memberId: string, change: (current: Member) => MemberInput): Promise<Versioned<Member>> {
    return this.modifyAt(memberKeys(collaborativeId, memberId), change);
  }

  /** Every member of a collaborative, read a page of 1,000 at a time. */
  list(collaborativeId: string): Promise<Member[]> {
    return this.listWhere({ partitionKey: memberPartitionKey(collaborativeId) });
  }

  /**
   * Where each member sits (Entra id, workgroup, organisation) and nothing else: a lean read
   * for counts such as response rates, which skips the conversation references (about 1 KB
   * a member) that a full read would parse.
   */
  async listPlacements(collaborativeId: string): Promise<MemberPlacement[]> {
    const placements: MemberPlacement[] = [];
    const iterator = this.table.client
      .listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${memberPartitionKey(collaborativeId)}`, select: ['aadObjectId', 'workgroupId', 'organisationId'] },
      })
      .byPage({ maxPageSize: PAGE_SIZE });
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    try {
      for await (const page of iterator) {
        for (const row of page) {
          placements.push({ aadObjectId: text(row.aadObjectId), workgroupId: text(row.workgroupId), organisationId: text(row.organisationId) });
        }
      }
    } catch (error) {
      throw toStorageError(error, `list member placements of ${collaborativeId}`);
    }
    return placements;
  }

  /** Every member of a collaborative with the ETag of the version read (for conditional writes). */
  listVersioned(collaborativeId: string): Promise<Versioned<Member>[]> {
    return this.listVersionedWhere({ partitionKey: memberPartitionKey(collaborativeId) });
  }

  /** Writes many members at once, replacing any with the same ids, in batches of up to 100. */
  upsertMany(inputs: readonly MemberInput[]): Promise<void> {
    return this.upsertRows(inputs);
  }

  /**
   * Adds and changes members in batch transactions, each change only if the row is still as
   * read (ETag) and each addition only if the id is free: ConcurrencyError when someone
   * (the bot saving an installation, another import) changed a row meanwhile.
   */
  saveChanges(changes: ChangeSet<MemberInput, Member>): Promise<void> {
    return this.saveChangeSet(changes);
  }

  /** Removes one; false when it was not there. */
  delete(collaborativeId: string, memberId: string): Promise<boolean> {
    return this.table.delete(memberKeys(collaborativeId, memberId));
  }

  private async first(collaborativeId: string, filter: string): Promise<Versioned<Member> | undefined> {
    const rows = await this.table.list({ partitionKey: memberPartitionKey(collaborativeId), filter });
    return rows[0];
  }
}
