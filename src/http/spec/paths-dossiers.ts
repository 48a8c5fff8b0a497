import { DOSSIER_STATUSES } from './schemas';
import { errors, json, operation, pathParam, queryParam, ref } from './helpers';
import type { OpenApiObject } from './helpers';

const DATE_HELP = 'A date (YYYY-MM-DD, the whole day in Vietnam time) or an RFC 3339 date-time with offset.';
const dateParam = (name: string, what: string) =>
  queryParam(name, `${what}. ${DATE_HELP}`, {
    type: 'string',
    examples: ['2025-07-01', '2025-07-01T08:00:00+07:00'],
  });
const codeParam = pathParam('code', 'Dossier code (mã hồ sơ)', {
  type: 'string',
  maxLength: 128,
  examples: ['000.00.53.H48-250701-0001'],
});

/** Operations on dossiers under /api/v1. */
export function dossierPaths(): Record<string, OpenApiObject> {
  return {
    '/api/v1/dossiers': {
      get: operation({
        operationId: 'listDossiers',
        tag: 'dossiers',
        summary: 'List dossiers, newest first, with filters and cursor paging',
        role: 'viewer',
        parameters: [
          queryParam('code', 'Exact dossier code', { type: 'string', maxLength: 128 }),
          queryParam('agency', 'Agency code (mã đơn vị)', { type: 'string', maxLength: 128 }),
          queryParam('status', 'Canonical status', { type: 'string', enum: [...DOSSIER_STATUSES] }),
          dateParam('receivedFrom', 'Received at or after'),
          dateParam('receivedTo', 'Received at or before'),
          dateParam('updatedFrom', 'Updated at or after'),
          dateParam('updatedTo', 'Updated at or before'),
          queryParam('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 500, default: 50 }),
          queryParam('cursor', 'nextCursor of the previous page', { type: 'string', maxLength: 1024 }),
        ],
        responses: {
          '200': { description: 'One page', content: json(ref('schemas', 'DossierPage')) },
          ...errors(400, 401, 403),
        },
      }),
      post: operation({
        operationId: 'createDossier',
        tag: 'dossiers',
        summary: 'Create a dossier from a canonical document',
        description: 'Honours Idempotency-Key: a retry with the same key and body returns the first answer.',
        role: 'operator',
        parameters: [ref('parameters', 'IdempotencyKey')],
        requestBody: { required: true, content: json(ref('schemas', 'Dossier')) },
        responses: {
          '201': {
            description: 'Created',
            headers: { 'Idempotent-Replayed': ref('headers', 'IdempotentReplayed') },
            content: json(ref('schemas', 'DossierChange')),
          },
          ...errors(400, 401, 403, 409, 413, 415),
        },
      }),
    },
    '/api/v1/dossiers/{code}': {
      get: operation({
        operationId: 'getDossier',
        tag: 'dossiers',
        summary: 'A dossier with its events, message log and deliveries',
        role: 'viewer',
        parameters: [codeParam],
        responses: {
          '200': { description: 'The timeline', content: json(ref('schemas', 'DossierTimeline')) },
          ...errors(400, 401, 403, 404),
        },
      }),
    },
    '/api/v1/dossiers/{code}/transitions': {
      post: operation({
        operationId: 'transitionDossier',
        tag: 'dossiers',
        summary: 'Move a dossier to a new status',
        description: 'Impossible moves are refused (LT_MODEL_INVALID_TRANSITION). Honours Idempotency-Key.',
        role: 'operator',
        parameters: [codeParam, ref('parameters', 'IdempotencyKey')],
        requestBody: { required: true, content: json(ref('schemas', 'TransitionRequest')) },
        responses: {
          '200': {
            description: 'Moved',
            headers: { 'Idempotent-Replayed': ref('headers', 'IdempotentReplayed') },
            content: json(ref('schemas', 'DossierChange')),
          },
          ...errors(400, 401, 403, 404, 409, 413, 415),
        },
      }),
    },
    '/api/v1/dossiers/{code}/transfers': {
      post: operation({
        operationId: 'transferDossier',
        tag: 'dossiers',
        summary: 'Transfer a dossier to another agency (liên thông)',
        description:
          "Records the transfer (status `sent`) and queues it for the document exchange: an edXML package signed with the agency key, carrying the dossier and its files. The receiving agency's status messages come back as progress steps. Honours Idempotency-Key.",
        role: 'operator',
        parameters: [codeParam, ref('parameters', 'IdempotencyKey')],
        requestBody: { required: true, content: json(ref('schemas', 'TransferRequest')) },
        responses: {
          '200': {
            description: 'Transfer recorded and queued',
            headers: { 'Idempotent-Replayed': ref('headers', 'IdempotentReplayed') },
            content: json(ref('schemas', 'DossierChange')),
          },
          ...errors(400, 401, 403, 404, 409, 413, 415),
        },
      }),
    },
  };
}
