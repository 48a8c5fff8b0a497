import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileBlobStore } from './store';

describe('FileBlobStore', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-blobs-'));
  const store = new FileBlobStore(root);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('addresses content by its sha256 and stores it once', async () => {
    const a = await store.put(Buffer.from('hồ sơ'));
    const b = await store.put(Buffer.from('hồ sơ'));
    expect(a).toEqual(b);
    expect(a.ref).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.size).toBe(Buffer.byteLength('hồ sơ'));
    expect((await store.get(a.ref)).toString()).toBe('hồ sơ');
    expect(await store.has(a.ref)).toBe(true);
    const files = fs.readdirSync(path.join(root, 'sha256', a.sha256.slice(0, 2), a.sha256.slice(2, 4)));
    expect(files).toEqual([a.sha256]);
  });

  it('refuses unknown, malformed and altered blobs with distinct codes', async () => {
    await expect(store.get(`sha256:${'0'.repeat(64)}`)).rejects.toMatchObject({ code: 'LT_BLOB_NOT_FOUND' });
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'LT_BLOB_INVALID_REF' });
    const r = await store.put(Buffer.from('original'));
    fs.writeFileSync(
      path.join(root, 'sha256', r.sha256.slice(0, 2), r.sha256.slice(2, 4), r.sha256),
      'tampered',
    );
    await expect(store.get(r.ref)).rejects.toMatchObject({ code: 'LT_BLOB_CORRUPT' });
  });
});
