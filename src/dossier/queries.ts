import { LtError } from '../errors';
import type {
  DeliveryView,
  DossierListFilter,
  DossierSummary,
  DossierTimeline,
  MessageLogView,
} from '../http/deps';
import type { Dossier } from '../model';
import type { Queryable } from '../store/db';

interface DossierRow {
  code: string;
  status: string;
  version: number;
  agency_id: string | null;
  procedure_code: string | null;
  channel: string | null;
  received_at: Date | null;
  due_at: Date | null;
  updated_at: Date;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

function encodeCursor(row: DossierRow): string {
  return Buffer.from(JSON.stringify([row.updated_at.toISOString(), row.code])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      return [v[0], v[1]];
    }
  } catch {
    // fall through to the refusal below
  }
  throw new LtError('LT_HTTP_INVALID_QUERY', 'validation', 'cursor: not a cursor returned by this API');
}

/** Newest change first; the cursor continues after the last row of the previous page. */
export async function listDossiers(
  db: Queryable,
  f: DossierListFilter,
): Promise<{ items: DossierSummary[]; nextCursor?: string }> {
  const after = f.cursor ? decodeCursor(f.cursor) : [null, null];
  const res = await db.query<DossierRow>(
    `SELECT code, status, version, agency_id, procedure_code, channel, received_at, due_at, updated_at
       FROM dossiers
      WHERE ($1::text IS NULL OR code = $1) AND ($2::text IS NULL OR agency_id = $2)
        AND ($3::text IS NULL OR status = $3)
        AND ($4::timestamptz IS NULL OR received_at >= $4) AND ($5::timestamptz IS NULL OR received_at < $5)
        AND ($6::timestamptz IS NULL OR updated_at >= $6) AND ($7::timestamptz IS NULL OR updated_at < $7)
        AND ($8::timestamptz IS NULL OR (updated_at, code) < ($8::timestamptz, $9::text))
      ORDER BY updated_at DESC, code DESC
      LIMIT $10`,
    [
      f.code ?? null,
      f.agency ?? null,
      f.status ?? null,
      f.receivedFrom ?? null,
      f.receivedTo ?? null,
      f.updatedFrom ?? null,
      f.updatedTo ?? null,
      after[0],
      after[1],
      f.limit + 1,
    ],
  );
  const rows = res.rows.slice(0, f.limit);
  return {
    items: rows.map((r) => ({
      code: r.code,
      status: r.status,
      version: r.version,
      agencyId: r.agency_id ?? undefined,
      procedureCode: r.procedure_code ?? undefined,
      channel: r.channel ?? undefined,
      receivedAt: iso(r.received_at),
      dueAt: iso(r.due_at),
      updatedAt: r.updated_at.toISOString(),
    })),
    nextCursor: res.rows.length > f.limit ? encodeCursor(rows[rows.length - 1]) : undefined,
  };
}

const PUBLIC_STATE: Record<string, DeliveryView['state']> = {
  pending: 'pending',
  enqueued: 'pending',
  inflight: 'pending',
  retrying: 'retrying',
  delivered: 'delivered',
  dead: 'dead',
  discarded: 'dead',
};

/** The stored dossier with this code, if any. */
export async function readDossier(db: Queryable, code: string): Promise<Dossier | undefined> {
  return (await db.query<{ data: Dossier }>('SELECT data FROM dossiers WHERE code = $1', [code])).rows[0]
    ?.data;
}

/**
 * The dossier holding a transfer with this edXML DocumentId (jsonb containment, so no extra column: a
 * dossier has a handful of transfers and status messages are rare next to dossier reads).
 */
export async function findByTransferDocument(
  db: Queryable,
  documentId: string,
): Promise<Dossier | undefined> {
  const res = await db.query<{ data: Dossier }>(
    `SELECT data FROM dossiers WHERE data->'transfers' @> $1::jsonb LIMIT 1`,
    [JSON.stringify([{ documentId }])],
  );
  return res.rows[0]?.data;
}

export async function getTimeline(db: Queryable, code: string): Promise<DossierTimeline> {
  const dossier = await readDossier(db, code);
  if (!dossier) throw new LtError('LT_DOSSIER_NOT_FOUND', 'not_found', `no dossier with code ${code}`);
  const [events, log, outbox, attempts] = await Promise.all([
    db.query<{ envelope: Record<string, unknown> }>(
      'SELECT envelope FROM dossier_events WHERE dossier_code = $1 ORDER BY dossier_version',
      [code],
    ),
    db.query<{
      id: number;
      direction: 'in' | 'out';
      system: string;
      verdict: string;
      detail: string | null;
      message_id: string | null;
      correlation_id: string | null;
      content_type: string | null;
      body_sha256: string;
      created_at: Date;
    }>(
      `SELECT id, direction, system, verdict, detail, message_id, correlation_id, content_type, body_sha256, created_at
         FROM message_log WHERE dossier_code = $1 ORDER BY id`,
      [code],
    ),
    db.query<{
      id: number;
      message_id: string;
      target: string;
      seq: number;
      event_type: string;
      state: string;
      attempts: number;
      created_at: Date;
      delivered_at: Date | null;
      last_error_code: string | null;
      last_error: string | null;
    }>(
      `SELECT id, message_id, target, seq, event_type, state, attempts, created_at, delivered_at, last_error_code,
              last_error
         FROM outbox WHERE dossier_code = $1 ORDER BY target, seq`,
      [code],
    ),
    db.query<{
      outbox_id: number;
      attempt: number;
      started_at: Date;
      finished_at: Date;
      outcome: string;
      http_status: number | null;
      error_code: string | null;
      detail: string | null;
      duration_ms: number;
    }>(
      `SELECT a.outbox_id, a.attempt, a.started_at, a.finished_at, a.outcome, a.http_status, a.error_code, a.detail,
              a.duration_ms
         FROM delivery_attempts a JOIN outbox o ON o.id = a.outbox_id
        WHERE o.dossier_code = $1 ORDER BY a.id`,
      [code],
    ),
  ]);
  const logView = (r: (typeof log.rows)[number]): MessageLogView => ({
    id: r.id,
    direction: r.direction,
    system: r.system,
    verdict: r.verdict,
    detail: r.detail ?? undefined,
    messageId: r.message_id ?? undefined,
    correlationId: r.correlation_id ?? undefined,
    contentType: r.content_type ?? undefined,
    bodySha256: r.body_sha256,
    createdAt: r.created_at.toISOString(),
  });
  return {
    dossier: dossier as unknown as Record<string, unknown>,
    events: events.rows.map((r) => r.envelope),
    inbound: log.rows.filter((r) => r.direction === 'in').map(logView),
    outbound: log.rows.filter((r) => r.direction === 'out').map(logView),
    deliveries: outbox.rows.map((o) => ({
      messageId: o.message_id,
      target: o.target,
      seq: o.seq,
      eventType: o.event_type,
      state: PUBLIC_STATE[o.state] ?? 'pending',
      discarded: o.state === 'discarded',
      createdAt: o.created_at.toISOString(),
      deliveredAt: iso(o.delivered_at),
      lastError: o.last_error_code
        ? { code: o.last_error_code, detail: o.last_error ?? undefined }
        : undefined,
      attempts: attempts.rows
        .filter((a) => a.outbox_id === o.id)
        .map((a) => ({
          attempt: a.attempt,
          startedAt: a.started_at.toISOString(),
          finishedAt: a.finished_at.toISOString(),
          outcome: a.outcome,
          httpStatus: a.http_status ?? undefined,
          errorCode: a.error_code ?? undefined,
          detail: a.detail ?? undefined,
          durationMs: a.duration_ms,
        })),
    })),
  };
}
