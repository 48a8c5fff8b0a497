export { createVxpSimulator, DEFAULT_VXP_SYSTEMS } from './router';
export type { VxpSimulator, VxpSimulatorOptions } from './router';
export { startVxpSimulator } from './server';
export type { RunningVxpSimulator, StartVxpOptions } from './server';
export type { Acknowledgement, Delivery, StoredPackage, VxpSimSystem, VxpSimulatorState } from './state';
export type { VxpFaults } from './faults';
