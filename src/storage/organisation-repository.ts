import type { TableClient } from '@azure/data-tables';
import { organisationSchema } from '../domain/model/organisation';
import { organisationKeys, organisationPartitionKey } from './keys/organisation-keys';
import { CollaborativeListRepository } from './list-repository';

/**
 * The organisations (partner Trusts) of each collaborative, with a guard row (list-guard.ts) so the list can be set as a whole.
 */
export class OrganisationRepository extends CollaborativeListRepository<typeof organisationSchema> {
  constructor(client: TableClient) {
    super(client, 'organisation', organisationSchema, { of: organisationKeys, partition: organisationPartitionKey });
  }
}
