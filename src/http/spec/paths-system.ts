import { errors, json, operation, ref } from './helpers';
import type { OpenApiObject } from './helpers';

const text = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: { type: 'string' } } },
});

/** Public operations: discovery, health, metrics, documentation. */
export function systemPaths(): Record<string, OpenApiObject> {
  return {
    '/': {
      get: operation({
        operationId: 'getIndex',
        tag: 'system',
        summary: 'Where to find the documentation and health endpoints',
        responses: {
          '200': { description: 'Pointers', content: json(ref('schemas', 'Index')) },
          ...errors(),
        },
      }),
    },
    '/health/live': {
      get: operation({
        operationId: 'getLiveness',
        tag: 'system',
        summary: 'Liveness: the process is up (no dependency checks)',
        responses: { '200': { description: 'Alive', content: json(ref('schemas', 'Live')) }, ...errors() },
      }),
    },
    '/health/ready': {
      get: operation({
        operationId: 'getReadiness',
        tag: 'system',
        summary: 'Readiness: every dependency (Redis, database) answers within 2 s',
        description:
          'Checks run concurrently. A failing or slow check makes the answer 503 and names the reason.',
        responses: {
          '200': { description: 'All checks passed', content: json(ref('schemas', 'Ready')) },
          '503': {
            description: 'At least one check failed (LT_HTTP_NOT_READY)',
            content: json(ref('schemas', 'NotReady')),
          },
          ...errors(),
        },
      }),
    },
    '/metrics': {
      get: operation({
        operationId: 'getMetrics',
        tag: 'system',
        summary: 'Prometheus metrics in the text exposition format',
        responses: { '200': text('text/plain', 'Metrics'), ...errors() },
      }),
    },
    '/openapi.json': {
      get: operation({
        operationId: 'getOpenApi',
        tag: 'system',
        summary: 'This OpenAPI 3.1 document',
        responses: { '200': { description: 'The document', content: json({ type: 'object' }) }, ...errors() },
      }),
    },
    '/docs': {
      get: operation({
        operationId: 'getDocs',
        tag: 'system',
        summary: 'Human-readable API documentation, generated from the OpenAPI document',
        responses: { '200': text('text/html', 'A self-contained HTML page'), ...errors() },
      }),
    },
  };
}
