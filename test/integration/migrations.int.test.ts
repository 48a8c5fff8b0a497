import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDb } from '../../src/store';
import type { Db } from '../../src/store';
import { listMigrations } from '../../src/store/migrate';
import { createPostgresDb } from '../../src/store/postgres';
import { createTestDatabase } from './support/services';

const TABLES = [
  'dossiers',
  'dossier_events',
  'outbox',
  'delivery_attempts',
  'dead_letters',
  'message_log',
  'idempotency_keys',
  'schema_migrations',
];

async function tables(db: Db): Promise<string[]> {
  const res = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return res.rows.map((r) => r.table_name);
}

async function exerciseTwice(db: Db): Promise<void> {
  expect(await migrate(db)).toEqual([]); // openDb already applied everything
  await db.query(
    `INSERT INTO dossiers (code, version, status, data) VALUES ('X-1', 1, 'received', '{}'::jsonb)`,
  );
  // The SQL itself is idempotent too, not only the bookkeeping: run every file again by hand.
  for (const file of listMigrations()) await db.exec(file.sql);
  expect(await tables(db)).toEqual(expect.arrayContaining(TABLES));
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
  expect(rows.rows[0].n).toBe(1);
  await expect(
    db.query(`INSERT INTO dossier_events (id, dossier_code, dossier_version, type, source, time, envelope)
              VALUES ('e1', 'X-1', 1, 't', 's', now(), '{}')`),
  ).resolves.toBeDefined();
  // The event history is append-only, enforced by the database.
  await expect(db.query(`DELETE FROM dossier_events WHERE id = 'e1'`)).rejects.toThrow(/append-only/);
}

describe('(e) migrations applied twice', () => {
  it('on PostgreSQL, including two processes migrating at the same moment', async () => {
    const t = await createTestDatabase();
    const a = createPostgresDb({ connectionString: t.url });
    const b = createPostgresDb({ connectionString: t.url });
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      expect([...ra, ...rb].sort()).toEqual(listMigrations().map((m) => m.name));
      await exerciseTwice(a);
    } finally {
      await a.close();
      await b.close();
      await t.drop();
    }
  });

  it('on PGlite, across a restart of the embedded database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-pglite-'));
    try {
      const first = await openDb({ dataDir: dir });
      expect(await tables(first)).toEqual(expect.arrayContaining(TABLES));
      await first.close();
      const second = await openDb({ dataDir: dir });
      try {
        await exerciseTwice(second);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
