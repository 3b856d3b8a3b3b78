/** Facilitator use-cases for a pulse (start, status, remind, extend, cancel, close) and its results. */
export * from './start-pulse';
export * from './pulse-status';
export * from './remind-pulse';
export * from './reminder-counts';
export * from './reminder-gate';
export * from './close-pulse';
export * from './extend-pulse';
export * from './cancel-pulse';
export * from './resend-pulse';
export * from './pulse-results';
export * from './pulse-figures';
export * from './publish-results';
export * from './pulse-lookup';
export * from './finish-close';
export * from './pulse-cards';
export * from './deliver-pulse-cards';
export * from './late-joiners';
