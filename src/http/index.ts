export { createApp } from './app';
export type { AppOptions } from './app';
export { buildOpenApi } from './openapi';
export type * from './deps';
