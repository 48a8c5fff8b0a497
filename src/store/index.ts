import path from 'node:path';
import type { Db } from './db';
import { migrate } from './migrate';
import { createPgliteDb } from './pglite';
import { createPostgresDb } from './postgres';

export type { Db, Queryable, QueryResult } from './db';
export { migrate } from './migrate';

export interface OpenDbOptions {
  /** PostgreSQL connection string; when absent, an embedded PGlite database under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
}

/** Opens the system of record and brings its schema up to date. */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  const db = options.databaseUrl
    ? createPostgresDb({ connectionString: options.databaseUrl, max: options.poolSize })
    : await createPgliteDb(path.join(options.dataDir, 'pglite'));
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}
