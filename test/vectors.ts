import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths';

/**
 * The public conformance vectors live beside the repository (`../shared/vectors`, present on every
 * developer machine and in CI) and are read in place, never copied. A missing folder is an error, not a
 * silent skip: a conformance test that quietly does not run would look like a pass.
 */
export function vectorDir(...parts: string[]): string {
  return sharedPath('vectors', ...parts);
}

/** A real sample of a partner's wire format (`../shared/specs/samples/...`), read in place the same way. */
export function specSample(...parts: string[]): string {
  return sharedPath('specs', 'samples', ...parts);
}

function sharedPath(...parts: string[]): string {
  const where = path.join(PACKAGE_ROOT, '..', 'shared', ...parts);
  if (!fs.existsSync(where)) {
    throw new Error(`shared data not found at ${where}: check out shared/ beside the repository`);
  }
  return where;
}
