export { MappingSet, inspectMappings, loadMappings } from './load';
export type { MappingProblem } from './load';
export { ReferenceData, nationalProcedureCode } from './reference';
export type { AgencyRecord, CodeTable, ProcedureDuration, ProcedureRecord } from './reference';
