export { createWebhookSimulator } from './router';
export type { WebhookSimulator, WebhookSimulatorOptions } from './router';
export { startWebhookSimulator } from './server';
export type { RunningWebhookSimulator, StartOptions } from './server';
export type { AnswerCounts, ReceivedDelivery, WebhookSimulatorState } from './state';
export type { WebhookFaults } from './faults';
