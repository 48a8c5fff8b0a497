import type { StateStore } from '../adapter/contract';
import type { Db } from './db';

/** The adapters' key/value state in PostgreSQL (`adapter_state`), namespaced by a prefix. */
export class DbStateStore implements StateStore {
  constructor(
    private readonly db: Db,
    private readonly prefix = '',
  ) {}

  /** A store whose keys live under `<prefix><name>:`. */
  scoped(name: string): DbStateStore {
    return new DbStateStore(this.db, `${this.prefix}${name}:`);
  }

  async read<T>(key: string): Promise<T | undefined> {
    const res = await this.db.query<{ value: T }>('SELECT value FROM adapter_state WHERE key = $1', [
      this.prefix + key,
    ]);
    return res.rows[0]?.value;
  }

  async write(key: string, value: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO adapter_state (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [this.prefix + key, JSON.stringify(value)],
    );
  }

  /** One statement: insert, or take over an expired lease, or renew our own; the row says who won. */
  async lease(key: string, holder: string, ttlMs: number): Promise<boolean> {
    const res = await this.db.query<{ holder: string }>(
      `INSERT INTO adapter_state (key, value)
         VALUES ($1, jsonb_build_object('holder', $2::text, 'until', now() + $3 * interval '1 millisecond'))
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
         WHERE adapter_state.value->>'holder' = $2::text
            OR (adapter_state.value->>'until')::timestamptz < now()
       RETURNING value->>'holder' AS holder`,
      [this.prefix + key, holder, ttlMs],
    );
    return res.rows[0]?.holder === holder;
  }
}

/** An in-memory twin for unit tests of adapters. */
export class MemoryStateStore implements StateStore {
  readonly values = new Map<string, unknown>();

  async read<T>(key: string): Promise<T | undefined> {
    return this.values.get(key) as T | undefined;
  }

  async write(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }

  async lease(key: string, holder: string, ttlMs: number): Promise<boolean> {
    const held = this.values.get(key) as { holder: string; until: number } | undefined;
    if (held && held.holder !== holder && held.until > Date.now()) return false;
    this.values.set(key, { holder, until: Date.now() + ttlMs });
    return true;
  }
}
