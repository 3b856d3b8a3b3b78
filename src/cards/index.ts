/**
 * Adaptive Card builders (pure: no I/O, no botbuilder) and the checked verbs their buttons
 * send back. The bot turns view models into cards here and card actions into use-case calls.
 */
export * from './card-types';
export * from './card-kit';
export * from './card-verbs';
export * from './card-action-parser';
export * from './setup-form-schema';
export * from './survey-steps';
export * from './survey-card';
export * from './survey-review-card';
export * from './message-cards';
export * from './help-card';
export * from './setup-card';
export * from './pulse-status-card';
export * from './results-card';
export * from './my-data-card';
