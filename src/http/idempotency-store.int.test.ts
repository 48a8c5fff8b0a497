import { createTestDatabase } from '../../test/integration/support/services';
import type { Db } from '../store/db';
import { migrate } from '../store/migrate';
import { createPostgresDb } from '../store/postgres';
import { createIdempotencyStore } from './idempotency-store';

describe('createIdempotencyStore over idempotency_keys', () => {
  let db: Db;
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPostgresDb({ connectionString: database.url });
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('returns nothing for an unknown key', async () => {
    const store = createIdempotencyStore(db);
    expect(await store.lookup('POST /api/v1/dossiers', 'unknown', 'a'.repeat(64))).toBeUndefined();
  });

  it('stores status and JSON body, and returns them for the same request hash', async () => {
    const store = createIdempotencyStore(db);
    const body = { dossier: { code: 'H48-1', tên: 'Nguyễn' }, eventId: 'ev-1', list: [1, 'x', null] };
    await store.save('POST /api/v1/dossiers', 'k1', 'h1', 201, body);
    expect(await store.lookup('POST /api/v1/dossiers', 'k1', 'h1')).toEqual({ status: 201, body });
  });

  it('keeps the first answer when saved twice (ON CONFLICT DO NOTHING)', async () => {
    const store = createIdempotencyStore(db);
    await store.save('s', 'k2', 'h2', 200, { first: true });
    await store.save('s', 'k2', 'h2', 200, { first: false });
    expect(await store.lookup('s', 'k2', 'h2')).toEqual({ status: 200, body: { first: true } });
  });

  it('rejects the same key with another request hash: LT_HTTP_IDEMPOTENCY_MISMATCH (409)', async () => {
    const store = createIdempotencyStore(db);
    await store.save('s', 'k3', 'h3', 200, {});
    await expect(store.lookup('s', 'k3', 'other')).rejects.toMatchObject({
      code: 'LT_HTTP_IDEMPOTENCY_MISMATCH',
      httpStatus: 409,
    });
  });

  it('scopes keys: the same key in another scope is independent', async () => {
    const store = createIdempotencyStore(db);
    await store.save('scope-a', 'k4', 'h4', 200, { a: 1 });
    expect(await store.lookup('scope-b', 'k4', 'h4')).toBeUndefined();
  });

  it('treats a claimed but unfinished row (no status) as not stored', async () => {
    await db.query('INSERT INTO idempotency_keys (scope, key, request_sha256) VALUES ($1, $2, $3)', [
      's',
      'k5',
      'h5',
    ]);
    expect(await createIdempotencyStore(db).lookup('s', 'k5', 'h5')).toBeUndefined();
  });

  it('stores a JSON string or null body as JSON, not as text', async () => {
    const store = createIdempotencyStore(db);
    await store.save('s', 'k6', 'h6', 200, 'plain');
    await store.save('s', 'k7', 'h7', 200, null);
    expect((await store.lookup('s', 'k6', 'h6'))?.body).toBe('plain');
    expect((await store.lookup('s', 'k7', 'h7'))?.body).toBeNull();
  });
});
