/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of what the edge accepts and answers. The request
 * schemas here are also what the edge validates bodies with, so the published contract and the
 * behaviour cannot drift apart.
 */
import { DOSSIER_STATUSES } from '../../model/status';

export type JsonSchema = Record<string, unknown>;

/** Canonical dossier statuses, from the model itself so the published contract cannot drift from it. */
export { DOSSIER_STATUSES };

export const DEAD_LETTER_STATES = ['open', 'replayed', 'discarded'] as const;

const dateTime = { type: 'string', format: 'date-time' };

export const ErrorSchema: JsonSchema = {
  type: 'object',
  description: 'Every error answer. Extra structured fields may follow code and detail.',
  required: ['code', 'detail'],
  properties: {
    code: { type: 'string', pattern: '^LT_[A-Z0-9_]+$', examples: ['LT_DOSSIER_NOT_FOUND'] },
    detail: { type: 'string', description: 'Human-readable reason.' },
  },
  additionalProperties: true,
};

export const TransitionRequestSchema: JsonSchema = {
  type: 'object',
  required: ['to'],
  properties: {
    to: { type: 'string', enum: [...DOSSIER_STATUSES], description: 'The status to move the dossier to.' },
    at: { ...dateTime, description: 'When the change happened; defaults to now.' },
    note: { type: 'string', maxLength: 4000 },
    actor: {
      type: 'object',
      description: 'The official who acted (cán bộ xử lý), when not the API key holder.',
      properties: {
        name: { type: 'string', maxLength: 200 },
        title: { type: 'string', maxLength: 200 },
        department: { type: 'string', maxLength: 200 },
      },
    },
  },
};

export const TransferRequestSchema: JsonSchema = {
  type: 'object',
  required: ['to'],
  additionalProperties: false,
  properties: {
    to: {
      type: 'object',
      required: ['id'],
      additionalProperties: false,
      description:
        'The receiving agency, by its QCVN 102 identifier (routing comes from the agency registry).',
      properties: {
        id: { type: 'string', pattern: '^[0-9A-Z.]{1,35}$', examples: ['000.00.00.H48'] },
        name: { type: 'string', maxLength: 500 },
      },
    },
    reason: { type: 'string', maxLength: 4000, description: 'Why (lý do chuyển).' },
    documentIds: {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 128 },
      maxItems: 200,
      description: 'Files of the dossier to send along; all of them when absent.',
    },
  },
};

export const BulkSelectorSchema: JsonSchema = {
  type: 'object',
  description: 'At least one selector. With ids, exactly those; otherwise every open dead letter matching.',
  properties: {
    ids: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: 1000 },
    target: { type: 'string', minLength: 1, maxLength: 64 },
    dossierCode: { type: 'string', minLength: 1, maxLength: 128 },
  },
  additionalProperties: false,
};

export const DossierSummarySchema: JsonSchema = {
  type: 'object',
  required: ['code', 'status', 'version', 'updatedAt'],
  properties: {
    code: { type: 'string' },
    status: { type: 'string', enum: [...DOSSIER_STATUSES] },
    version: { type: 'integer' },
    agencyId: { type: 'string' },
    procedureCode: { type: 'string' },
    channel: { type: 'string' },
    receivedAt: dateTime,
    dueAt: dateTime,
    updatedAt: dateTime,
  },
};

export const MessageLogSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'direction', 'system', 'verdict', 'bodySha256', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    direction: { type: 'string', enum: ['in', 'out'] },
    system: { type: 'string' },
    verdict: { type: 'string' },
    detail: { type: 'string' },
    messageId: { type: 'string' },
    correlationId: { type: 'string' },
    contentType: { type: 'string' },
    bodySha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    createdAt: dateTime,
  },
};

export const DeliverySchema: JsonSchema = {
  type: 'object',
  required: ['messageId', 'target', 'seq', 'eventType', 'state', 'discarded', 'createdAt', 'attempts'],
  properties: {
    messageId: { type: 'string' },
    target: { type: 'string' },
    seq: { type: 'integer' },
    eventType: { type: 'string' },
    state: { type: 'string', enum: ['pending', 'retrying', 'delivered', 'dead'] },
    discarded: { type: 'boolean' },
    createdAt: dateTime,
    deliveredAt: dateTime,
    lastError: { type: 'object', properties: { code: { type: 'string' }, detail: { type: 'string' } } },
    attempts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['attempt', 'startedAt', 'finishedAt', 'outcome', 'durationMs'],
        properties: {
          attempt: { type: 'integer' },
          startedAt: dateTime,
          finishedAt: dateTime,
          outcome: { type: 'string' },
          httpStatus: { type: 'integer' },
          errorCode: { type: 'string' },
          detail: { type: 'string' },
          durationMs: { type: 'number' },
        },
      },
    },
  },
};

export const DeadLetterSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'messageId', 'dossierCode', 'target', 'attempts', 'state', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    messageId: { type: 'string' },
    dossierCode: { type: 'string' },
    target: { type: 'string' },
    attempts: { type: 'integer' },
    errorCode: { type: 'string' },
    error: { type: 'string' },
    state: { type: 'string', enum: [...DEAD_LETTER_STATES] },
    createdAt: dateTime,
    resolvedAt: dateTime,
    resolvedBy: { type: 'string' },
  },
};
