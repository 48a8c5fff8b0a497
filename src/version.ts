import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from './paths';

/** The package version, read once from package.json (shown by /, the CLI and the User-Agent). */
export const VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
