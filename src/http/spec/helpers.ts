import type { Role } from '../deps';
import type { JsonSchema } from './schemas';

/** Small builders so each path file reads as a table of operations. */

export type OpenApiObject = Record<string, unknown>;

export function ref(
  kind: 'schemas' | 'responses' | 'parameters' | 'headers',
  name: string,
): { $ref: string } {
  return { $ref: `#/components/${kind}/${name}` };
}

export function json(schema: JsonSchema | { $ref: string }): OpenApiObject {
  return { 'application/json': { schema } };
}

/** The error answers each operation can give, by status, all with the `{ code, detail }` Error schema. */
const ERROR_RESPONSES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

export function errors(...statuses: number[]): Record<string, { $ref: string }> {
  return Object.fromEntries([...statuses, 500].map((s) => [String(s), ref('responses', ERROR_RESPONSES[s])]));
}

export function errorResponseComponents(): Record<string, OpenApiObject> {
  const descriptions: Record<string, string> = {
    BadRequest:
      'Invalid query, path parameter, JSON or body (LT_HTTP_INVALID_*, LT_HTTP_FORBIDDEN_KEY, LT_MODEL_*).',
    Unauthorized: 'No API key, or an unknown one (LT_AUTH_MISSING_KEY, LT_AUTH_INVALID_KEY).',
    Forbidden: 'The key lacks the role this operation needs (LT_AUTH_FORBIDDEN).',
    NotFound: 'No such resource or route (LT_HTTP_NOT_FOUND, LT_DOSSIER_NOT_FOUND, ...).',
    Conflict:
      'Conflicts with the current state or an Idempotency-Key (LT_HTTP_IDEMPOTENCY_*, LT_DOSSIER_EXISTS).',
    PayloadTooLarge: 'The body exceeds the configured limit (LT_HTTP_BODY_TOO_LARGE).',
    UnsupportedMediaType: 'The body is not application/json (LT_HTTP_UNSUPPORTED_MEDIA_TYPE).',
    InternalError: 'Unexpected failure, logged with the request id (LT_INTERNAL).',
    ServiceUnavailable: 'A dependency is unavailable (LT_HTTP_NOT_READY and transient errors).',
  };
  return Object.fromEntries(
    Object.entries(descriptions).map(([name, description]) => [
      name,
      {
        description,
        headers: { 'X-Request-Id': ref('headers', 'RequestId') },
        content: json(ref('schemas', 'Error')),
      },
    ]),
  );
}

export interface OperationSpec {
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** Absent for public operations. */
  role?: Role;
  parameters?: unknown[];
  requestBody?: OpenApiObject;
  responses: Record<string, unknown>;
}

export function operation(spec: OperationSpec): OpenApiObject {
  const secured = spec.role !== undefined;
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    security: secured ? [{ ApiKeyHeader: [] }, { BearerAuth: [] }] : [],
    ...(secured ? { 'x-required-role': spec.role } : {}),
    parameters: [ref('parameters', 'RequestId'), ...(spec.parameters ?? [])],
    ...(spec.requestBody === undefined ? {} : { requestBody: spec.requestBody }),
    responses: spec.responses,
  };
}

export function queryParam(name: string, description: string, schema: JsonSchema): OpenApiObject {
  return { name, in: 'query', required: false, description, schema };
}

export function pathParam(name: string, description: string, schema: JsonSchema): OpenApiObject {
  return { name, in: 'path', required: true, description, schema };
}
