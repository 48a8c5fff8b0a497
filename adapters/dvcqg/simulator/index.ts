export { createDvcqgSimulator } from './router';
export type { DvcqgSimulator, DvcqgSimulatorOptions } from './router';
export { startDvcqgSimulator } from './server';
export type { RunningDvcqgSimulator, StartDvcqgOptions } from './server';
export type { DvcqgSimulatorState, FaultCounts, RejectionReason, StoredDossier, SyncRecord } from './state';
export type { DvcqgFaults } from './faults';
export { generateNationalDossier } from './generator';
export type { NationalProcedure } from './procedures';
