export { createWebhookSimulator } from './router';
export type { WebhookSimulator, WebhookSimulatorOptions } from './router';
export { startWebhookSimulator } from './server';
export type { RunningWebhookSimulator, StartOptions } from './server';
export { WebhookSimulatorState } from './state';
export type { AnswerCounts, ReceivedDelivery } from './state';
export { mulberry32, parseFaults } from './faults';
export type { WebhookFaults } from './faults';
