/** The survey conversation: one handler per card verb, each returning the card to show. */
export * from './survey-actions';
export * from './survey-flow';
export * from './survey-state';
export * from './survey-step-cards';
export * from './submit-survey';
export * from './my-data';
export * from './old-card-collaborative';
