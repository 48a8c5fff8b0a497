import fs from 'node:fs';
import path from 'node:path';
import { MAPPINGS_DIR } from '../../paths';
import type { JsonSchema } from './schemas';

const CANONICAL_DOSSIER_ID = 'https://lienthong.vn/schemas/canonical/dossier.v1.json';

const LOOSE: JsonSchema = {
  type: 'object',
  description: `A canonical dossier document, as defined by ${CANONICAL_DOSSIER_ID}. The gateway validates it on receipt.`,
  additionalProperties: true,
};

/**
 * The canonical dossier JSON Schema, embedded in the OpenAPI document so clients see the real contract.
 * Falls back to a loose object only when the file is absent; a present but broken file is a defect and
 * throws.
 */
export function loadDossierSchema(mappingsDir = MAPPINGS_DIR): JsonSchema {
  const file = path.join(mappingsDir, 'canonical', 'dossier.v1.schema.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return LOOSE;
    throw err;
  }
  return JSON.parse(text) as JsonSchema;
}
