import { components } from './spec/components';
import { loadDossierSchema } from './spec/dossier-schema';
import type { OpenApiObject } from './spec/helpers';
import { deadLetterPaths } from './spec/paths-dead-letters';
import { dossierPaths } from './spec/paths-dossiers';
import { systemPaths } from './spec/paths-system';
import type { JsonSchema } from './spec/schemas';

export type { OpenApiObject } from './spec/helpers';

const AUTH_TEXT = [
  'Send an API key in the `X-API-Key` header, or as `Authorization: Bearer <key>`.',
  'Keys have a role: **viewer** may read (GET /api/v1/...), **operator** may also act (POST).',
  'Health, metrics, this document and the docs page are public. A deployment may let requests without a key',
  'act as viewer (the sandbox does); a key that is sent but unknown is always refused.',
  'Every error answer is `{ "code": "LT_...", "detail": "..." }`; every answer carries `X-Request-Id`.',
].join(' ');

/**
 * The OpenAPI 3.1 description of the HTTP edge, built once per app. The dossier schema is the canonical
 * one when present (see spec/dossier-schema.ts).
 */
export function buildOpenApi(options: { version: string; dossierSchema?: JsonSchema }): OpenApiObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'LienThong gateway API',
      version: options.version,
      summary:
        'Integration gateway for Vietnamese e-government (iGate, iDesk/edXML, DVCQG, PayGov/BIDV, VNPost)',
      description: AUTH_TEXT,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    tags: [
      {
        name: 'dossiers',
        description: 'Administrative dossiers (hồ sơ thủ tục hành chính) and their history',
      },
      { name: 'dead-letters', description: 'Messages that could not be delivered, to replay or discard' },
      { name: 'system', description: 'Discovery, health, metrics and documentation (public)' },
    ],
    paths: { ...systemPaths(), ...dossierPaths(), ...deadLetterPaths() },
    components: components(options.dossierSchema ?? loadDossierSchema()),
  };
}
