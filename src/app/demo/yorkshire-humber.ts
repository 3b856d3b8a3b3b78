/**
 * Public facts about the Yorkshire and Humber Perinatal Mental Health Provider
 * Collaborative, used for the demo seed. Organisations and workgroups are real; every
 * person in the demo is invented.
 */

import { FAMILIES_WORKGROUP_ID } from '../../domain/model/family';

export const DEMO_COLLABORATIVE = {
  id: 'yorkshire-humber-pmh',
  name: 'Yorkshire and Humber Perinatal Mental Health Provider Collaborative',
  focalProcess: 'admission to the mother and baby unit (or an alternative to admission)',
  /** Launched April 2024, led by LYPFT, which runs the regional mother and baby unit in Leeds. */
  leadOrganisation: 'Leeds and York Partnership NHS Foundation Trust',
} as const;

export const DEMO_ORGANISATIONS = [
  { id: 'lypft', name: 'Leeds and York Partnership NHS Foundation Trust' },
  { id: 'bdct', name: 'Bradford District Care NHS Foundation Trust' },
  { id: 'swyp', name: 'South West Yorkshire Partnership NHS Foundation Trust' },
  { id: 'humber', name: 'Humber Teaching NHS Foundation Trust' },
  { id: 'rdash', name: 'Rotherham Doncaster and South Humber NHS Foundation Trust' },
  { id: 'shsc', name: 'Sheffield Health and Social Care NHS Foundation Trust' },
  { id: 'tewv', name: 'Tees, Esk and Wear Valleys NHS Foundation Trust' },
] as const;

/** Workgroups of the first measurement (the leadership collaborative). */
export const DEMO_WORKGROUPS = [
  'Collaborative leadership team',
  'Mother and baby unit clinical team',
  'Community perinatal mental health teams',
  'Maternity services',
  'Commissioners',
  'Lived experience partners',
] as const;

/**
 * The families' workgroup ("Families", id `families`): what a pulse with the families' voice
 * asks staff about, and the group family answers count in (src/domain/model/family.ts).
 */
export const DEMO_FAMILIES_WORKGROUP = { id: FAMILIES_WORKGROUP_ID, name: 'Families' } as const;

/** Workgroups for pathway-level measurement (admission to and discharge from the MBU). */
export const PATHWAY_WORKGROUPS = [
  'MBU nursing',
  'MBU medical',
  'Community perinatal team',
  'Maternity',
  'Health visiting',
  'Crisis and home treatment team',
  'Adult mental health inpatient ward',
  'GP practice',
] as const;

export const FOCAL_PROCESSES = [
  'admission to the mother and baby unit (or an alternative to admission)',
  'discharge from the mother and baby unit',
  'flow into and out of the inpatient resource',
] as const;

/** Milestones of the collaborative's plan, used to date the demo pulses and interventions. */
export const PLAN_MILESTONES = {
  baselineOpens: '2024-03-18',
  baselineCloses: '2024-04-08',
  resultsMeeting: '2024-04-16',
  interventionWorkshop: '2024-06-03',
  interventionWork: '2024-07-01',
  monitoring: '2024-07-29',
  repeatOpens: '2024-10-01',
  repeatCloses: '2024-10-22',
} as const;
