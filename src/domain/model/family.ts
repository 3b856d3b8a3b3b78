import { z } from 'zod';

/**
 * Service users and families answer through links that need no Teams account
 * (rc-measurement.md sections 4 and 5). These names are shared by the family page, transition
 * checks, pulses with the families' voice and the tab, so they are defined once here.
 */

/**
 * The workgroup every family respondent answers as. In a transition check it is always this
 * id; in a collaborative-wide pulse it is a real workgroup of that id ("Families"), rated by
 * staff and rating the staff groups, so that families are one more row and column.
 */
export const FAMILIES_WORKGROUP_ID = 'families';

/**
 * What a family rates in a transition check: "the people caring for you and your baby" as one
 * team, not each role (families rarely see the roles apart).
 */
export const CARE_TEAM_TARGET_ID = 'care-team';

/**
 * How a family allows its answers to be used, chosen on the family page: shown to the care team
 * as the family's own, or counted only inside an overall figure that meets the k rule.
 */
export const familySharingSchema = z.enum(['shared_with_team', 'overall_only']);
export type FamilySharing = z.infer<typeof familySharingSchema>;
