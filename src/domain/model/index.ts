/** The domain model: one file per concept, each a zod schema with its type from z.infer. */
export * from './primitives';
export * from './collaborative';
export * from './organisation';
export * from './workgroup';
export * from './member';
export * from './pulse';
export * from './delivery';
export * from './respondent-key';
export * from './ledger-entry';
export * from './ratings';
export * from './draft';
export * from './response';
export * from './family';
export * from './family-link';
export * from './result-snapshot';
export * from './audit-entry';
export * from './parse';
