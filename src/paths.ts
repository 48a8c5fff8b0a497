import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

/**
 * The package root, whether running compiled (dist/src/...) or from source under ts-jest.
 * Data files (SQL migrations, mappings) are read from the source tree so that tsc need not copy them.
 */
export const PACKAGE_ROOT = findRoot(__dirname);
export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'src', 'store', 'migrations');
export const MAPPINGS_DIR = path.join(PACKAGE_ROOT, 'mappings');
/** The shipped default trust store (public Vietnamese roots and intermediates, see trust/README.md). */
export const TRUST_DIR = path.join(PACKAGE_ROOT, 'trust');
