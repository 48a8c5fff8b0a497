import { DEAD_LETTER_STATES } from './schemas';
import { errors, json, operation, pathParam, queryParam, ref } from './helpers';
import type { OpenApiObject } from './helpers';

const idParam = pathParam('id', 'Dead letter id', { type: 'integer', minimum: 1 });

function single(action: 'replay' | 'discard', summary: string): OpenApiObject {
  return {
    post: operation({
      operationId: `${action}DeadLetter`,
      tag: 'dead-letters',
      summary,
      role: 'operator',
      parameters: [idParam],
      responses: {
        '200': {
          description: 'The dead letter after the action',
          content: json(ref('schemas', 'DeadLetter')),
        },
        ...errors(400, 401, 403, 404, 409),
      },
    }),
  };
}

function bulk(action: 'replay' | 'discard', summary: string): OpenApiObject {
  return {
    post: operation({
      operationId: `${action}DeadLetters`,
      tag: 'dead-letters',
      summary,
      role: 'operator',
      requestBody: { required: true, content: json(ref('schemas', 'DeadLetterSelector')) },
      responses: {
        '200': { description: 'How many dead letters were affected', content: json(ref('schemas', 'Count')) },
        ...errors(400, 401, 403, 413, 415),
      },
    }),
  };
}

/** Operations on dead letters under /api/v1. */
export function deadLetterPaths(): Record<string, OpenApiObject> {
  return {
    '/api/v1/dead-letters': {
      get: operation({
        operationId: 'listDeadLetters',
        tag: 'dead-letters',
        summary: 'List dead letters (messages that exhausted their attempts)',
        role: 'viewer',
        parameters: [
          queryParam('state', 'State', { type: 'string', enum: [...DEAD_LETTER_STATES], default: 'open' }),
          queryParam('target', 'Target system (dvcqg, igate, vxp, paygov, vnpost, ...)', { type: 'string' }),
          queryParam('dossierCode', 'Dossier code', { type: 'string', maxLength: 128 }),
          queryParam('limit', 'Maximum items', { type: 'integer', minimum: 1, maximum: 500, default: 50 }),
        ],
        responses: {
          '200': { description: 'Dead letters', content: json(ref('schemas', 'DeadLetterList')) },
          ...errors(400, 401, 403),
        },
      }),
    },
    '/api/v1/dead-letters/{id}/replay': single(
      'replay',
      'Replay one dead letter with a fresh attempt budget',
    ),
    '/api/v1/dead-letters/{id}/discard': single('discard', 'Give one dead letter up for good'),
    '/api/v1/dead-letters/replay': bulk('replay', 'Replay dead letters by ids, target or dossier'),
    '/api/v1/dead-letters/discard': bulk('discard', 'Discard dead letters by ids, target or dossier'),
  };
}
