import { odata, type TableClient } from '@azure/data-tables';
import { collaborativeSchema, type Collaborative, type CollaborativeInput } from '../domain/model/collaborative';
import type { Versioned } from './entity-table';
import { collaborativeKeys } from './keys/collaborative-keys';
import { ModelRepository } from './model-repository';

/** Collaboratives and their settings (k, minItems, bands, instrument, tenants, facilitators). */
export class CollaborativeRepository extends ModelRepository<typeof collaborativeSchema> {
  constructor(client: TableClient) {
    super(client, {
      what: 'collaborative',
      schema: collaborativeSchema,
      keysOf: (c) => collaborativeKeys(c.id),
      json: ['bands', 'instrument', 'allowedTenantIds', 'facilitatorIds', 'channelReference', 'retention'],
    });
  }

  /** The collaborative, or undefined. */
  find(id: string): Promise<Versioned<Collaborative> | undefined> {
    return this.table.find(collaborativeKeys(id));
  }

  /** The collaborative; NotFoundError when there is none. */
  get(id: string): Promise<Versioned<Collaborative>> {
    return this.table.get(collaborativeKeys(id));
  }

  /** Read-modify-write of one collaborative, guarded by its ETag. */
  modify(id: string, change: (current: Collaborative) => CollaborativeInput): Promise<Versioned<Collaborative>> {
    return this.modifyAt(collaborativeKeys(id), change);
  }

  /** Every collaborative (a small table: read page by page). */
  list(): Promise<Collaborative[]> {
    return this.listWhere({});
  }

  /** The collaborative that works in a Teams team, if any (the bot sees only the team id). */
  async findByTeamsTeam(teamsTeamId: string): Promise<Versioned<Collaborative> | undefined> {
    const rows = await this.table.list({ filter: odata`teamsTeamId eq ${teamsTeamId}` });
    return rows[0];
  }
}
