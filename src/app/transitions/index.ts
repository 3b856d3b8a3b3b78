/** Transition checks (rc-measurement.md section 5): start, reach, close, publish, view, summary, retention. */
export * from './close-transition';
export * from './staff-to-name';
export * from './start-transition';
export * from './transition-card-kinds';
export * from './transition-deps';
export * from './transition-job-inputs';
export * from './transition-jobs';
export * from './transition-reach';
export * from './transition-retention';
export * from './transition-seats';
export * from './transition-staff';
export * from './transition-view';
export * from './transitions-summary';
