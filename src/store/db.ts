/**
 * The database seam. Both backends speak real PostgreSQL SQL: `pg` against a server when DATABASE_URL
 * is set, embedded PGlite (PostgreSQL compiled to WASM) otherwise. Code above this file never knows which.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /**
   * For writes whose loss in a database crash is harmless by design (delivery leases and retry
   * schedules: a lost one only means a message is attempted again): committed without waiting for the
   * disk flush. Visibility to other sessions is immediate as usual. On PGlite it is the database itself.
   */
  readonly relaxed: Queryable;
  /** Runs `fn` in one transaction (READ COMMITTED); commits on return, rolls back on throw. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Liveness probe used by /health/ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
