/** The webhook target, as the registry knows it (same entry point as every other adapter). */
export { webhookAdapterFactory } from './client';
