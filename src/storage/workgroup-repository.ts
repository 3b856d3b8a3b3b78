import type { TableClient } from '@azure/data-tables';
import { workgroupSchema, type Workgroup } from '../domain/model/workgroup';
import type { Versioned } from './entity-table';
import { workgroupKeys, workgroupPartitionKey } from './keys/workgroup-keys';
import { ModelRepository } from './model-repository';

/** The workgroups (roles and teams whose ties are measured) of each collaborative. */
export class WorkgroupRepository extends ModelRepository<typeof workgroupSchema> {
  constructor(client: TableClient) {
    super(client, { what: 'workgroup', schema: workgroupSchema, keysOf: (w) => workgroupKeys(w.collaborativeId, w.id) });
  }

  find(collaborativeId: string, id: string): Promise<Versioned<Workgroup> | undefined> {
    return this.table.find(workgroupKeys(collaborativeId, id));
  }

  get(collaborativeId: string, id: string): Promise<Versioned<Workgroup>> {
    return this.table.get(workgroupKeys(collaborativeId, id));
  }

  /** A collaborative's workgroups, in id order. */
  list(collaborativeId: string): Promise<Workgroup[]> {
    return this.listWhere({ partitionKey: workgroupPartitionKey(collaborativeId) });
  }

  /** Writes many workgroups at once, replacing any with the same ids, in batches of up to 100. */
  upsertMany(inputs: readonly Workgroup[]): Promise<void> {
    return this.upsertRows(inputs);
  }

  /** Removes one; false when it was not there. */
  delete(collaborativeId: string, id: string): Promise<boolean> {
    return this.table.delete(workgroupKeys(collaborativeId, id));
  }
}
