export { createApp } from './app';
export type { AppOptions } from './app';
export { createIdempotencyStore } from './idempotency-store';
export { buildOpenApi } from './openapi';
export type * from './deps';
