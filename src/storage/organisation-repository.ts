import type { TableClient } from '@azure/data-tables';
import { organisationSchema, type Organisation } from '../domain/model/organisation';
import type { Versioned } from './entity-table';
import { organisationKeys, organisationPartitionKey } from './keys/organisation-keys';
import { ModelRepository } from './model-repository';

/** The organisations (partner Trusts) of each collaborative. */
export class OrganisationRepository extends ModelRepository<typeof organisationSchema> {
  constructor(client: TableClient) {
    super(client, { what: 'organisation', schema: organisationSchema, keysOf: (o) => organisationKeys(o.collaborativeId, o.id) });
  }

  find(collaborativeId: string, id: string): Promise<Versioned<Organisation> | undefined> {
    return this.table.find(organisationKeys(collaborativeId, id));
  }

  get(collaborativeId: string, id: string): Promise<Versioned<Organisation>> {
    return this.table.get(organisationKeys(collaborativeId, id));
  }

  /** A collaborative's organisations, in id order. */
  list(collaborativeId: string): Promise<Organisation[]> {
    return this.listWhere({ partitionKey: organisationPartitionKey(collaborativeId) });
  }

  /** Writes many organisations at once, replacing any with the same ids, in batches of up to 100. */
  upsertMany(inputs: readonly Organisation[]): Promise<void> {
    return this.upsertRows(inputs);
  }

  /** Removes one; false when it was not there. */
  delete(collaborativeId: string, id: string): Promise<boolean> {
    return this.table.delete(organisationKeys(collaborativeId, id));
  }
}
