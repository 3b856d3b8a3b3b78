import { odata, type TableClient } from '@azure/data-tables';
import { familyLinkSchema, type FamilyLink } from '../domain/model/family-link';
import { parseModel } from '../domain/model/parse';
import type { PulseScope } from '../domain/model/pulse';
import { entityCodec } from './entity-codec';
import { EntityTable } from './entity-table';
import { familyLinkKeys } from './keys/family-link-keys';

/**
 * Issued family links (keys: family-link-keys.ts). A row says which pulse a link belongs to
 * and when it runs out; it never says whether it was used (the pulse's ledger does) and it is
 * never tied to an answer.
 */
export class FamilyLinkRepository {
  private readonly table: EntityTable<FamilyLink>;

  constructor(client: TableClient) {
    this.table = new EntityTable(client, entityCodec('family link', familyLinkSchema));
  }

  /** Stores a new link; a link id is random, so a clash (ConcurrencyError) would be a bug. */
  async create(input: FamilyLink): Promise<FamilyLink> {
    const link = parseModel(familyLinkSchema, input, 'family link');
    await this.table.create(familyLinkKeys(link.linkId), link);
    return link;
  }

  /** The link, or undefined when no such link was ever issued (or it was deleted). */
  async find(linkId: string): Promise<FamilyLink | undefined> {
    return (await this.table.find(familyLinkKeys(linkId)))?.value;
  }

  /** Every link of a pulse, oldest first. */
  async listForPulse(scope: PulseScope): Promise<FamilyLink[]> {
    const rows = await this.table.list({ filter: odata`collaborativeId eq ${scope.collaborativeId} and pulseId eq ${scope.pulseId}` });
    return rows.map((r) => r.value).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.linkId.localeCompare(b.linkId));
  }

  /** Deletes every link of a pulse (retention); links already gone are fine. Returns how many. */
  async deleteForPulse(scope: PulseScope): Promise<number> {
    const links = await this.listForPulse(scope);
    // One partition per link, so no batch: each delete alone (a missing row is fine).
    for (const link of links) await this.table.delete(familyLinkKeys(link.linkId));
    return links.length;
  }
}
