import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../paths';
import type { Db } from './db';

// Any fixed number: every LienThong process takes the same lock, so two processes starting together
// apply migrations one after the other instead of racing on CREATE statements.
const LOCK_KEY = 7_404_1970;

export interface MigrationFile {
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/**
 * Applies every migration not yet recorded. Safe to run twice and from several processes at once:
 * each file is idempotent SQL, and the whole run holds a transaction-scoped advisory lock.
 * Returns the names applied by this call.
 */
export async function migrate(db: Db, files = listMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await tx.query<{ name: string }>('SELECT name FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => r.name));
    const now: string[] = [];
    for (const file of files) {
      if (applied.has(file.name)) continue;
      await tx.exec(file.sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1) ON CONFLICT DO NOTHING', [file.name]);
      now.push(file.name);
    }
    return now;
  });
}
