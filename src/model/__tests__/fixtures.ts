import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../paths';

/** Scenario fixtures shared with adapter and contract tests (`test/fixtures/dossiers/`). */
export const FIXTURE_DIR = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'dossiers');
export const INVALID_FIXTURE_DIR = path.join(FIXTURE_DIR, 'invalid');

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** Reads a fixture afresh (a new object each time, so tests may mutate it). */
export function readFixture(file: string, dir = FIXTURE_DIR): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
}

export const VALID_FIXTURES = jsonFiles(FIXTURE_DIR);
export const INVALID_FIXTURES = jsonFiles(INVALID_FIXTURE_DIR);
