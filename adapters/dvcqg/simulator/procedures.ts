import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { LtError } from '../../../src/errors';
import { MAPPINGS_DIR } from '../../../src/paths';

/** A national procedure as the procedure map describes it: what the portal knows and a dossier names. */
export interface NationalProcedure {
  /** National code, `1.001612`. */
  code: string;
  name: string;
  sector?: { code: string; name: string };
  /** Fees in đồng. */
  fees: { name: string; amount: number }[];
}

/** The sandbox's procedure map, `mappings/procedures/procedures.yaml`. */
export const PROCEDURES_FILE = path.join(MAPPINGS_DIR, 'procedures', 'procedures.yaml');

const cache = new Map<string, readonly NationalProcedure[]>();

/**
 * The national procedures of a procedure map, once each (several local codes may share one national
 * code; the first entry names it). Read once per file and cached: the simulator and the generator ask
 * for every request.
 * @throws LtError `LT_DVCQG_SIM_PROCEDURES` when the file is missing or an entry is malformed.
 */
export function nationalProcedures(file: string = PROCEDURES_FILE): readonly NationalProcedure[] {
  const cached = cache.get(file);
  if (cached) return cached;
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw fail(`${file}: ${(err as Error).message}`);
  }
  const entries = (doc as { procedures?: unknown } | null)?.procedures;
  if (!Array.isArray(entries)) throw fail(`${file}: no procedures list`);
  const byCode = new Map<string, NationalProcedure>();
  entries.forEach((entry: Record<string, unknown>, i) => {
    // An unquoted 1.000890 would be read as the number 1.00089: only strings are trusted.
    if (typeof entry?.national !== 'string' || !/^\d\.\d{6}$/.test(entry.national))
      throw fail(`${file}: procedures[${i}].national must be a quoted code like '1.001612'`);
    if (typeof entry.name !== 'string') throw fail(`${file}: procedures[${i}].name must be a string`);
    if (byCode.has(entry.national)) return;
    const sector = entry.sector as { code?: unknown; name?: unknown } | undefined;
    const fees = Array.isArray(entry.fees) ? (entry.fees as { name?: unknown; amount?: unknown }[]) : [];
    byCode.set(entry.national, {
      code: entry.national,
      name: entry.name,
      ...(typeof sector?.code === 'string' && typeof sector.name === 'string'
        ? { sector: { code: sector.code, name: sector.name } }
        : {}),
      fees: fees
        .filter((f) => typeof f.name === 'string' && Number.isInteger(f.amount))
        .map((f) => ({ name: f.name as string, amount: f.amount as number })),
    });
  });
  const result = [...byCode.values()];
  cache.set(file, result);
  return result;
}

function fail(detail: string): LtError {
  return new LtError('LT_DVCQG_SIM_PROCEDURES', 'internal', `procedure map: ${detail}`);
}
