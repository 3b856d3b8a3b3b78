import type { Collaborative } from '../../domain/model/collaborative';
import { guidSchema } from '../../domain/model/primitives';

/**
 * Which Entra tenants may take part in a collaborative: its allowed list when it has one;
 * when the list is empty, its home tenant only, never "anyone". The home tenant is the tenant
 * of the Teams team it works in: from the channel's conversation reference saved when RC
 * Pulse was added there, or (while a team is being linked) that team's tenant. A
 * collaborative with neither an allowed list nor a team yet admits no tenant at all.
 *
 * Every check of a person's tenant (the tab's API, the bot's use-cases, installs) goes
 * through isTenantAllowed, so the rule is the same everywhere.
 */

/** The tenant of the team the collaborative works in, when it has been added to one. */
export function homeTenantOf(collaborative: Pick<Collaborative, 'channelReference'>): string | undefined {
  // The reference is opaque to the product; its tenant is the one field read here.
  const conversation = (collaborative.channelReference as { conversation?: { tenantId?: unknown } } | undefined)?.conversation;
  const tenant = guidSchema.safeParse(conversation?.tenantId);
  return tenant.success ? tenant.data : undefined;
}

/** The tenants whose people may take part (lower case); empty when none may yet. */
export function allowedTenantsOf(collaborative: Pick<Collaborative, 'allowedTenantIds' | 'channelReference'>, teamTenantId?: string): string[] {
  if (collaborative.allowedTenantIds.length > 0) return collaborative.allowedTenantIds.map((t) => t.toLowerCase());
  const team = guidSchema.safeParse(teamTenantId);
  const home = homeTenantOf(collaborative) ?? (team.success ? team.data : undefined);
  return home ? [home] : [];
}

/**
 * True when people of `tenantId` may take part in the collaborative (see the module comment).
 * `teamTenantId` is the tenant of a team RC Pulse is being added to, for a collaborative that
 * has no home tenant yet. A person whose tenant is unknown is not allowed.
 */
export function isTenantAllowed(
  collaborative: Pick<Collaborative, 'allowedTenantIds' | 'channelReference'>,
  tenantId: string | undefined,
  teamTenantId?: string,
): boolean {
  return tenantId !== undefined && allowedTenantsOf(collaborative, teamTenantId).includes(tenantId.toLowerCase());
}

/** The refusal a person from a tenant the collaborative does not allow is shown: polite, and says who can help. */
export const TENANT_REFUSAL =
  'Sorry, RC Pulse is not set up for your organisation in this collaborative, so nothing has been saved. ' +
  'If you should be taking part, please ask one of its facilitators to add your organisation.';
