/**
 * The groups the survey cards name. Which group comes when, and which step a button carries,
 * are the survey's rules (src/app/survey/survey-flow.ts); the cards only draw them.
 */

export interface SurveyTarget {
  id: string;
  name: string;
}

export interface OrderedTarget extends SurveyTarget {
  isOwnGroup: boolean;
}
