import { createHash } from 'node:crypto';
import { Pool, types } from 'pg';
import type { PoolClient } from 'pg';
import type { Db, QueryResult, Queryable } from './db';

// int8 (bigserial ids, counts) as JS numbers: ids stay far below 2^53, and PGlite already does the same,
// so both backends return identical rows.
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === types.builtins.INT8 && format !== 'binary') return (v: string) => Number(v);
    return types.getTypeParser(oid, format);
  },
};

// Parameterised statements run as named prepared statements: each connection parses and plans a statement
// once instead of on every call (the outbox and change statements are large CTEs; planning them each time
// cost more CPU than executing them). The name is derived from the text, so it can never clash.
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `lt_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function wrap(client: Pool | PoolClient): Queryable {
  return {
    async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
      const res =
        params && params.length > 0
          ? await client.query({ name: statementName(sql), text: sql, values: params })
          : await client.query(sql);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** Pool size; the delivery workers and the HTTP edge share it. */
  max?: number;
}

export function createPostgresDb(options: PostgresOptions): Db {
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.max ?? 20,
    types: typeParsers,
    application_name: 'lienthong',
  });
  // An idle client losing its connection (database restart) must not crash the process; the next
  // query gets a fresh connection and the caller sees the error.
  pool.on('error', () => undefined);
  // A few connections with synchronous_commit off, for the writes described at Db.relaxed.
  const relaxedPool = new Pool({
    connectionString: options.connectionString,
    max: Math.max(2, Math.ceil((options.max ?? 20) / 4)),
    types: typeParsers,
    application_name: 'lienthong-relaxed',
    options: '-c synchronous_commit=off',
  });
  relaxedPool.on('error', () => undefined);
  const direct = wrap(pool);
  return {
    kind: 'postgres',
    relaxed: wrap(relaxedPool),
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await Promise.all([pool.end(), relaxedPool.end()]);
    },
  };
}
