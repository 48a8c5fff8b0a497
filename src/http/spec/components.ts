import { errorResponseComponents, ref } from './helpers';
import type { OpenApiObject } from './helpers';
import {
  BulkSelectorSchema,
  DeadLetterSchema,
  DeliverySchema,
  DossierSummarySchema,
  ErrorSchema,
  MessageLogSchema,
  TransitionRequestSchema,
  TransferRequestSchema,
} from './schemas';
import type { JsonSchema } from './schemas';

const obj = (properties: Record<string, unknown>, required = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  required,
  properties,
});
const looseObject: JsonSchema = { type: 'object', additionalProperties: true };

/** Everything the paths point at with `$ref: '#/components/...'`. */
export function components(dossierSchema: JsonSchema): OpenApiObject {
  return {
    securitySchemes: {
      ApiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The API key itself.' },
      BearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description: 'The same API key sent as `Authorization: Bearer <key>`.',
      },
    },
    parameters: {
      RequestId: {
        name: 'X-Request-Id',
        in: 'header',
        required: false,
        description: 'Correlation id, echoed back; generated when absent or not matching the pattern.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
      },
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Client-chosen key (1-255 visible ASCII). A retry with the same key and byte-identical body returns the ' +
          'stored answer; the same key with another body is refused with 409 LT_HTTP_IDEMPOTENCY_MISMATCH.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
    },
    headers: {
      RequestId: { description: 'The request id', schema: { type: 'string' } },
      IdempotentReplayed: {
        description: '"true" when the answer is a stored one replayed for a repeated Idempotency-Key',
        schema: { type: 'string', enum: ['true'] },
      },
    },
    responses: errorResponseComponents(),
    schemas: {
      Error: ErrorSchema,
      Index: obj({
        name: { type: 'string' },
        version: { type: 'string' },
        docs: { type: 'string' },
        openapi: { type: 'string' },
        ready: { type: 'string' },
      }),
      Live: obj({ status: { const: 'ok' } }),
      Ready: obj({
        status: { const: 'ready' },
        checks: { type: 'object', additionalProperties: { const: 'ok' } },
      }),
      NotReady: {
        ...obj({
          code: { const: 'LT_HTTP_NOT_READY' },
          detail: { type: 'string' },
          checks: {
            type: 'object',
            additionalProperties: { type: 'string' },
            description: "'ok' or the failure reason",
          },
        }),
      },
      Dossier: dossierSchema,
      DossierSummary: DossierSummarySchema,
      DossierPage: obj(
        { items: { type: 'array', items: ref('schemas', 'DossierSummary') }, nextCursor: { type: 'string' } },
        ['items'],
      ),
      DossierChange: obj({ dossier: ref('schemas', 'Dossier'), eventId: { type: 'string' } }),
      MessageLogEntry: MessageLogSchema,
      Delivery: DeliverySchema,
      DossierTimeline: obj({
        dossier: ref('schemas', 'Dossier'),
        events: { type: 'array', items: { ...looseObject, description: 'CloudEvents-shaped envelope' } },
        inbound: { type: 'array', items: ref('schemas', 'MessageLogEntry') },
        outbound: { type: 'array', items: ref('schemas', 'MessageLogEntry') },
        deliveries: { type: 'array', items: ref('schemas', 'Delivery') },
      }),
      TransitionRequest: TransitionRequestSchema,
      TransferRequest: TransferRequestSchema,
      DeadLetter: DeadLetterSchema,
      DeadLetterList: obj({ items: { type: 'array', items: ref('schemas', 'DeadLetter') } }),
      DeadLetterSelector: BulkSelectorSchema,
      Count: obj({ count: { type: 'integer', minimum: 0 } }),
    },
  };
}
