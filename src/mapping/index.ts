export { MappingSet, inspectMappings, loadMappings } from './load';
export type { MappingProblem } from './load';
export { ReferenceData, nationalProcedureCode } from './reference';
export type { AgencyRecord, CodeTable, ProcedureDuration, ProcedureRecord } from './reference';
// Its home is src/time; re-exported for the importers that still look for it here.
export { toIsoUtc } from '../time';
