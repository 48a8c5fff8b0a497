/**
 * The canonical dossier model: types, JSON Schema validation, the status state machine and the
 * CloudEvents envelope. Adapters meet only here.
 */
export * from './dossier';
export {
  DOSSIER_STATUSES,
  DOSSIER_TRANSITIONS,
  INITIAL_STATUSES,
  TERMINAL_STATUSES,
  isDossierStatus,
  isTerminal,
  allowedNext,
  canTransition,
  assertTransition,
} from './status';
export {
  validateDossier,
  isValidDossier,
  dossierProblems,
  DOSSIER_SCHEMA,
  DOSSIER_SCHEMA_ID,
} from './validate';
export type { SchemaProblem } from './validate';
export { compileCanonicalSchemas } from './schemas';
export {
  createEvent,
  createDossierEvent,
  validateEvent,
  DOSSIER_EVENT_TYPES,
  DOSSIER_EVENT_DATASCHEMA,
  EVENT_SCHEMA,
  EVENT_SCHEMA_ID,
} from './events';
export type { CloudEvent, DossierEventData, DossierEventType, DossierChangeKind } from './events';
