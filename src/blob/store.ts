import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LtError } from '../errors';

/**
 * Attachments, signed files and receipts are stored content-addressed: the reference is the SHA-256 of the
 * bytes, so storing twice is free, a reference can never point at changed content, and queue jobs and log
 * rows carry only the reference. Redis and job payloads never see file bytes.
 */
export interface BlobRef {
  /** `sha256:<64 hex>` */
  ref: string;
  sha256: string;
  size: number;
}

export interface BlobStore {
  put(data: Buffer): Promise<BlobRef>;
  /** Rejects LT_BLOB_NOT_FOUND when absent, LT_BLOB_CORRUPT when the bytes no longer match their address. */
  get(ref: string): Promise<Buffer>;
  has(ref: string): Promise<boolean>;
}

const REF = /^sha256:([0-9a-f]{64})$/;

function parseBlobRef(ref: string): string {
  const m = REF.exec(ref);
  if (!m)
    throw new LtError('LT_BLOB_INVALID_REF', 'validation', `not a blob reference: expected sha256:<64 hex>`);
  return m[1];
}

/** The on-disk store: `<root>/sha256/ab/cd/<hash>`, written to a temporary file and renamed into place. */
export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha: string): string {
    return path.join(this.root, 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  async put(data: Buffer): Promise<BlobRef> {
    const sha = createHash('sha256').update(data).digest('hex');
    const file = this.pathOf(sha);
    if (!fs.existsSync(file)) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.promises.open(tmp, 'wx', 0o640);
      try {
        await handle.writeFile(data);
        await handle.sync(); // the reference is handed out only once the bytes are on disk
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, file);
    }
    return { ref: `sha256:${sha}`, sha256: sha, size: data.length };
  }

  async get(ref: string): Promise<Buffer> {
    const sha = parseBlobRef(ref);
    let data: Buffer;
    try {
      data = await fs.promises.readFile(this.pathOf(sha));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new LtError('LT_BLOB_NOT_FOUND', 'not_found', `no blob ${ref}`);
      }
      throw err;
    }
    if (createHash('sha256').update(data).digest('hex') !== sha) {
      throw new LtError(
        'LT_BLOB_CORRUPT',
        'internal',
        `blob ${ref} does not match its hash: the file was altered`,
      );
    }
    return data;
  }

  async has(ref: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(parseBlobRef(ref)));
  }
}
