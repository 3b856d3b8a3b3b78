/**
 * The intervention tracker's use-cases: record, edit and follow interventions, and measure
 * their impact. Each takes its dependencies and the person's access, and returns plain views.
 */
export { addInterventionUpdate } from './add-intervention-update';
export { createIntervention } from './create-intervention';
export type { InterventionAccess, InterventionDeps } from './intervention-access';
export { InterventionChangedError } from './intervention-changed-error';
export {
  allInterventionImpacts,
  interventionImpact,
  type AllImpacts,
  type ImpactDeps,
  type ImpactMethod,
  type ImpactPulse,
  type InterventionImpactResult,
  type TieImpact,
} from './intervention-impact';
export type { InterventionDetail, InterventionOwner, InterventionSummary } from './intervention-view';
export { getIntervention, interventionFiltersSchema, listInterventions, type InterventionFilters } from './list-interventions';
export { updateIntervention } from './update-intervention';
