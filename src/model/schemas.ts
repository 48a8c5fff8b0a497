import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { MAPPINGS_DIR } from '../paths';

/**
 * Loads the canonical JSON Schemas from `mappings/canonical/` (read from the source tree, so tsc need not
 * copy them) into one Ajv instance. Both schemas live in the same instance because the event schema
 * refers to the dossier schema by `$id`.
 */

const CANONICAL_DIR = path.join(MAPPINGS_DIR, 'canonical');

export const DOSSIER_SCHEMA_ID = 'https://lienthong.vn/schemas/canonical/dossier.v1.json';
export const EVENT_SCHEMA_ID = 'https://lienthong.vn/schemas/canonical/event.v1.json';

function load(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(CANONICAL_DIR, file), 'utf8')) as Record<string, unknown>;
}

/** The parsed dossier schema (`dossier.v1.schema.json`). */
export const DOSSIER_SCHEMA: Readonly<Record<string, unknown>> = load('dossier.v1.schema.json');
/** The parsed event envelope schema (`event.v1.schema.json`). */
export const EVENT_SCHEMA: Readonly<Record<string, unknown>> = load('event.v1.schema.json');

export type SchemaValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

let ajv: Ajv2020 | undefined;

function instance(): Ajv2020 {
  if (ajv) return ajv;
  // strict: a schema typo must fail at start, not loosen validation silently. allowMatchingProperties:
  // externalIds names its known systems *and* accepts other keys by pattern, which strict mode flags.
  ajv = new Ajv2020({ allErrors: true, strict: true, allowMatchingProperties: true });
  addFormats(ajv);
  ajv.addSchema(DOSSIER_SCHEMA, DOSSIER_SCHEMA_ID);
  ajv.addSchema(EVENT_SCHEMA, EVENT_SCHEMA_ID);
  return ajv;
}

/**
 * The compiled validator for a schema `$id` (or `$id#/pointer`). Ajv compiles on first use and caches,
 * so each schema is compiled once per process.
 */
export function validatorFor(ref: string): SchemaValidator {
  const fn = instance().getSchema(ref);
  if (!fn) throw new Error(`canonical schema ${ref} is not loaded`);
  return fn;
}

/**
 * Compiles both canonical schemas now. The gateway calls it at start-up: compiling costs ~300 ms of blocked
 * event loop, which inside the first request stalls every delivery in flight (and a schema typo should stop
 * the start, not the first dossier).
 */
export function compileCanonicalSchemas(): void {
  validatorFor(DOSSIER_SCHEMA_ID);
  validatorFor(EVENT_SCHEMA_ID);
}
