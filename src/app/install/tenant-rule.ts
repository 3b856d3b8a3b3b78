import type { Collaborative } from '../../domain/model/collaborative';

/**
 * Which Entra tenants may take part in a collaborative. Its allowed list when it has one;
 * when the list is empty, only the tenant of the team it works in (`teamTenantId`), so an
 * empty list never means "anyone". Without a team tenant to go by, an empty list allows all
 * (the rule the use-cases' assertAllowedTenant follows too).
 */
export function isTenantAllowed(
  collaborative: Pick<Collaborative, 'allowedTenantIds'>,
  tenantId: string | undefined,
  teamTenantId?: string,
): boolean {
  const allowed = collaborative.allowedTenantIds.length > 0 ? collaborative.allowedTenantIds : teamTenantId ? [teamTenantId.toLowerCase()] : [];
  if (allowed.length === 0) return true;
  return tenantId !== undefined && allowed.includes(tenantId.toLowerCase());
}

/** The refusal a person from a tenant the collaborative does not allow is shown: polite, and says who can help. */
export const TENANT_REFUSAL =
  'Sorry, RC Pulse is not set up for your organisation in this collaborative, so nothing has been saved. ' +
  'If you should be taking part, please ask one of its facilitators to add your organisation.';
