import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { MAPPINGS_DIR } from '../../../src/paths';

interface RegistryAgency {
  name: string;
  systems?: string[];
  igateId?: string;
  validTo?: string;
}

let cache: RegistryAgency[] | undefined;

/**
 * Names of the agencies a nationally submitted dossier can be sent to: those of the agency registry that
 * iGate serves and whose code is still open on `now`. The portal routes a submission to one of them.
 */
export function processingAgencies(
  now: Date,
  file = path.join(MAPPINGS_DIR, 'agencies', 'registry.yaml'),
): string[] {
  cache ??= (YAML.parse(fs.readFileSync(file, 'utf8')) as { agencies: RegistryAgency[] }).agencies;
  const today = now.toISOString().slice(0, 10);
  const names = cache
    .filter(
      (a) => a.igateId && a.systems?.includes('igate') && (a.validTo === undefined || a.validTo >= today),
    )
    .map((a) => a.name);
  return names.length > 0 ? names : ['UBND tỉnh'];
}
