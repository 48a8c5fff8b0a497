import { createHash } from 'node:crypto';
import type { BlobStore } from '../blob/store';
import type { Verdict } from '../trust/verdict';
import type { Db, Queryable } from './db';

/**
 * The message log: every inbound and outbound message with its bytes (or a blob reference), verdict and
 * correlation. Appends are cheap and concurrent; a single sealer at a time then links rows into a
 * hash chain in the order it sees them (chain_seq), so the hot path never waits on a global lock, and
 * any later edit of a sealed row breaks every hash after it.
 */
export interface MessageLogEntry {
  direction: 'in' | 'out';
  system: string;
  verdict: string;
  dossierCode?: string;
  correlationId?: string;
  messageId?: string;
  detail?: string;
  contentType?: string;
  body?: Buffer;
  /** Reference into the blob store when the bytes are large; the body is then not stored inline. */
  blobRef?: string;
  /** sha256 of the bytes (computed from body when absent). */
  bodySha256?: string;
  /** The edge's signature verdict on these bytes (src/trust/verdict.ts), for signed inputs. */
  signature?: Verdict;
}

const INSERT_SQL = `INSERT INTO message_log
  (direction, system, verdict, dossier_code, correlation_id, message_id, detail, content_type, body, blob_ref, body_sha256,
   signature)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  RETURNING id`;

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function messageLogParams(e: MessageLogEntry): unknown[] {
  const sha = e.bodySha256 ?? sha256Hex(e.body ?? Buffer.alloc(0));
  return [
    e.direction,
    e.system,
    e.verdict,
    e.dossierCode ?? null,
    e.correlationId ?? null,
    e.messageId ?? null,
    e.detail ? e.detail.slice(0, 2000) : null,
    e.contentType ?? null,
    e.blobRef ? null : (e.body ?? null),
    e.blobRef ?? null,
    sha,
  ];
}

/** Bodies larger than this go to the blob store; the log row keeps their reference and digest. */
export const INLINE_BODY_LIMIT = 65_536;

/**
 * The bytes of a log entry as stored: inline when small (or when there is no blob store), else by blob
 * reference, so the log stays small while every byte is still evidence (the digest is in the hash chain).
 */
export async function messageEvidence(
  body: Buffer,
  blobs?: BlobStore,
  inlineLimit = INLINE_BODY_LIMIT,
): Promise<Pick<MessageLogEntry, 'body' | 'blobRef' | 'bodySha256'>> {
  if (!blobs || body.length <= inlineLimit) return { body };
  const blob = await blobs.put(body);
  return { blobRef: blob.ref, bodySha256: blob.sha256 };
}

export async function appendMessage(q: Queryable, entry: MessageLogEntry): Promise<number> {
  const signature = entry.signature ? JSON.stringify(entry.signature) : null;
  const res = await q.query<{ id: number }>(INSERT_SQL, [...messageLogParams(entry), signature]);
  return res.rows[0].id;
}

interface SealRow {
  id: number;
  direction: string;
  system: string;
  verdict: string;
  dossier_code: string | null;
  correlation_id: string | null;
  message_id: string | null;
  body_sha256: string;
  blob_ref: string | null;
  created_at: Date;
  signature: unknown;
}

/** The hashed content of one row: everything that is evidence, in a fixed order. */
function chainHash(prevHash: string, chainSeq: number, row: SealRow): string {
  const fields = [
    prevHash,
    String(chainSeq),
    String(row.id),
    row.direction,
    row.system,
    row.verdict,
    row.dossier_code ?? '',
    row.correlation_id ?? '',
    row.message_id ?? '',
    row.body_sha256,
    row.blob_ref ?? '',
    row.created_at.toISOString(),
  ];
  // Rows without a verdict hash as they did before the column existed, so older chains still verify.
  if (row.signature !== null && row.signature !== undefined) fields.push(canonicalJson(row.signature));
  return sha256Hex(fields.join('\n'));
}

const GENESIS = '0'.repeat(64);
const SEAL_LOCK = 7_404_1971;
const SEAL_COLUMNS =
  'id, direction, system, verdict, dossier_code, correlation_id, message_id, body_sha256, blob_ref, created_at, signature';

/** JSON with keys sorted at every level: jsonb does not keep the key order it was given. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Seals up to `batch` unsealed rows. Returns how many were sealed (0 if another process holds the sealer lock). */
export async function sealMessageLog(db: Db, batch = 1000): Promise<number> {
  return db.transaction(async (tx) => {
    const lock = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SEAL_LOCK]);
    if (!lock.rows[0].ok) return 0;
    const head = await tx.query<{ chain_seq: number; hash: string }>(
      'SELECT chain_seq, hash FROM message_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1',
    );
    let seq = head.rows[0]?.chain_seq ?? 0;
    let prev = head.rows[0]?.hash ?? GENESIS;
    const rows = await tx.query<SealRow>(
      `SELECT ${SEAL_COLUMNS} FROM message_log WHERE chain_seq IS NULL ORDER BY id LIMIT $1`,
      [batch],
    );
    if (rows.rows.length === 0) return 0;
    const ids: number[] = [];
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const row of rows.rows) {
      seq += 1;
      const hash = chainHash(prev, seq, row);
      ids.push(row.id);
      seqs.push(seq);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await tx.query(
      `UPDATE message_log m SET chain_seq = s.seq, prev_hash = s.prev, hash = s.hash
         FROM (SELECT unnest($1::bigint[]) AS id, unnest($2::bigint[]) AS seq,
                      unnest($3::text[]) AS prev, unnest($4::text[]) AS hash) s
        WHERE m.id = s.id`,
      [ids, seqs, prevs, hashes],
    );
    return ids.length;
  });
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first chain position whose hash does not match its content or predecessor. */
  brokenAt?: number;
}

/** Recomputes the whole chain and every inline body digest, and reports the first broken link. */
export async function verifyMessageLog(db: Queryable, pageSize = 5000): Promise<ChainVerdict> {
  let prev = GENESIS;
  let checked = 0;
  let after = 0;
  for (;;) {
    const page = await db.query<
      SealRow & { chain_seq: number; prev_hash: string; hash: string; body: Uint8Array | null }
    >(
      `SELECT ${SEAL_COLUMNS}, chain_seq, prev_hash, hash, body FROM message_log
        WHERE chain_seq > $1 ORDER BY chain_seq LIMIT $2`,
      [after, pageSize],
    );
    if (page.rows.length === 0) return { ok: true, checked };
    for (const row of page.rows) {
      // The chain covers the body's digest; the digest must still match the stored bytes.
      const bodyOk = row.body === null || sha256Hex(Buffer.from(row.body)) === row.body_sha256;
      if (!bodyOk || row.prev_hash !== prev || chainHash(prev, row.chain_seq, row) !== row.hash) {
        return { ok: false, checked, brokenAt: row.chain_seq };
      }
      prev = row.hash;
      checked += 1;
      after = row.chain_seq;
    }
  }
}
