import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths';

/**
 * The public conformance vectors live beside the repository (`../shared/vectors`, present on every
 * developer machine and in CI) and are read in place, never copied. A missing folder is an error, not a
 * silent skip: a conformance test that quietly does not run would look like a pass.
 */
export function vectorDir(...parts: string[]): string {
  const dir = path.join(PACKAGE_ROOT, '..', 'shared', 'vectors', ...parts);
  if (!fs.existsSync(dir)) {
    throw new Error(`conformance vectors not found at ${dir}: check out shared/ beside the repository`);
  }
  return dir;
}
