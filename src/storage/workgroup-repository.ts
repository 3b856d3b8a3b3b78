import type { TableClient } from '@azure/data-tables';
import { workgroupSchema } from '../domain/model/workgroup';
import { workgroupKeys, workgroupPartitionKey } from './keys/workgroup-keys';
import { CollaborativeListRepository } from './list-repository';

/**
 * The workgroups (roles and teams whose ties are measured) of each collaborative, with a guard row (list-guard.ts) so the list can be set as a whole.
 */
export class WorkgroupRepository extends CollaborativeListRepository<typeof workgroupSchema> {
  constructor(client: TableClient) {
    super(client, 'workgroup', workgroupSchema, { of: workgroupKeys, partition: workgroupPartitionKey });
  }
}
