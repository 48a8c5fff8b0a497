import { LtError } from '../errors';
import type { AgencyPeer, Dossier, DossierEventData, Transfer, TransferStatus } from '../model';
import { toLocalCompact } from '../time';

/**
 * Transfers between agencies (liên thông), computed without I/O. A transfer is asked for through the API;
 * the exchange adapter (`adapters/idesk`) carries it as an edXML package and brings back the receiving
 * agency's status messages, which land here as a transfer status and a progress step, so that the timeline
 * (and the national portal's progress) shows what the other agency did.
 */

export interface TransferRequest {
  to: AgencyPeer;
  reason?: string;
  /** Ids in `dossier.documents` to send along; absent = all of them. */
  documentIds?: string[];
}

const AGENCY_ID = /^[0-9A-Z.]{1,35}$/;

/** Checks the API body of a transfer request; refusals name the field. */
export function parseTransferRequest(input: unknown): TransferRequest {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const to = body.to as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (typeof to?.id !== 'string' || !AGENCY_ID.test(to.id))
    problems.push('/to/id must be an agency identifier');
  if (body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > 4000))
    problems.push('/reason must be a string of at most 4000 characters');
  const ids = body.documentIds;
  if (ids !== undefined && (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')))
    problems.push('/documentIds must be an array of document ids');
  if (problems.length > 0) {
    throw new LtError(
      'LT_TRANSFER_INVALID',
      'validation',
      `transfer request is invalid: ${problems.join('; ')}`,
      {
        details: { errors: problems },
      },
    );
  }
  return {
    to: { id: to!.id as string, ...(typeof to!.name === 'string' ? { name: to!.name } : {}) },
    reason: body.reason as string | undefined,
    documentIds: ids as string[] | undefined,
  };
}

/**
 * The edXML DocumentId of the package that carries a transfer: `<sender>,<yyyy/MM/dd>,<n>/LT-<dossier>`
 * (QCVN 102 form; `n` counts the dossier's transfers). Unique per sender without a counter in the database,
 * and the receiving agency's status messages quote it back (ResponseFor), which is how they find the dossier.
 */
export function transferDocumentId(from: string, at: Date, n: number, dossierCode: string): string {
  const local = toLocalCompact(at);
  return `${from},${local.slice(0, 4)}/${local.slice(4, 6)}/${local.slice(6, 8)},${n}/LT-${dossierCode}`;
}

/** What the agency registry says of the receiving agency (`mappings/agencies/registry.yaml`). */
export interface AgencyLookup {
  (id: string): { name: string; validTo?: string; systems: string[] } | undefined;
}

/**
 * Routing from the agency registry: the receiving agency must be known, still open (codes close after a
 * merger, e.g. districts on 1/7/2025), and reachable through the exchange (vxp or idesk in its systems).
 * Its registry name replaces whatever name the caller gave.
 */
export function routeTransfer(
  request: TransferRequest,
  lookup: AgencyLookup,
  now = new Date(),
): TransferRequest {
  const record = lookup(request.to.id);
  if (!record) {
    throw new LtError(
      'LT_TRANSFER_UNKNOWN_AGENCY',
      'validation',
      `agency ${request.to.id} is not in the agency registry; add it to mappings/agencies/registry.yaml (or check the code)`,
    );
  }
  if (record.validTo !== undefined && record.validTo < now.toISOString().slice(0, 10)) {
    throw new LtError(
      'LT_TRANSFER_AGENCY_CLOSED',
      'validation',
      `agency ${request.to.id} closed on ${record.validTo}; transfer to the agency that took over its work`,
    );
  }
  if (!record.systems.some((s) => s === 'vxp' || s === 'idesk')) {
    throw new LtError(
      'LT_TRANSFER_UNREACHABLE',
      'validation',
      `agency ${request.to.id} is on neither the exchange axis nor iDesk: add vxp or idesk to its systems in mappings/agencies/registry.yaml once it is connected`,
    );
  }
  return { ...request, to: { id: request.to.id, name: record.name } };
}

/** Adds a transfer (status `sent`: queued for the exchange) to a dossier. */
export function addTransfer(
  current: Dossier,
  request: TransferRequest,
  actor: string,
  now = new Date(),
): DossierEventData {
  if (request.to.id === current.agency.id) {
    throw new LtError(
      'LT_TRANSFER_INVALID',
      'validation',
      `a dossier cannot be transferred to its own agency ${request.to.id}`,
    );
  }
  const known = new Set(current.documents.map((d) => d.id));
  const missing = (request.documentIds ?? []).filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new LtError('LT_TRANSFER_INVALID', 'validation', `unknown document ids: ${missing.join(', ')}`);
  }
  const n = current.transfers.length + 1;
  const at = now.toISOString();
  const transfer: Transfer = {
    id: `T${n}`,
    from: { id: current.agency.id, ...(current.agency.name ? { name: current.agency.name } : {}) },
    to: request.to,
    at,
    ...(request.reason ? { reason: request.reason } : {}),
    ...(request.documentIds ? { documentIds: request.documentIds } : {}),
    documentId: transferDocumentId(current.agency.id, now, n, current.code),
    status: 'sent',
  };
  const note = `Chuyển liên thông đến ${request.to.name ?? request.to.id}${request.reason ? `: ${request.reason}` : ''}`;
  return {
    dossier: {
      ...current,
      version: current.version + 1,
      transfers: [...current.transfers, transfer],
      progress: [...current.progress, { status: current.status, at, note }],
    },
    change: { kind: 'updated', actor, note, progressFrom: current.progress.length },
  };
}

/**
 * How far along an edXML status code is: 01 arrived < 03 registered < 04 assigned < 05 processing < 06 done;
 * a refusal (02) ends it. The take-back codes (13, 15, 16) sit beside processing. Unknown or absent: 0.
 */
const RANKS: Record<string, number> = {
  '01': 1,
  '03': 2,
  '04': 3,
  '05': 4,
  '13': 4,
  '15': 4,
  '16': 4,
  '06': 5,
  '02': 6,
};
const rank = (code: string | undefined): number => (code ? (RANKS[code] ?? 0) : 0);

export interface TransferStatusReport {
  /** edXML DocumentId the status answers (ResponseFor). */
  documentId: string;
  /** The reporting agency (From of the status message). */
  from: AgencyPeer;
  /** Raw edXML status code, 01..16. */
  statusCode: string;
  status: TransferStatus;
  /** What the other agency said it did (the Description, or the code table's label). */
  description: string;
  at: string;
}

/**
 * Applies another agency's status message to the transfer it answers: a step on the timeline, and the
 * transfer's status unless the message is behind what is known (see RANKS). A repeat writes nothing (the
 * exchange delivers at least once).
 */
export function applyTransferStatus(
  current: Dossier,
  report: TransferStatusReport,
  actor: string,
): DossierEventData | undefined {
  const index = current.transfers.findIndex((t) => t.documentId === report.documentId);
  if (index < 0) {
    throw new LtError(
      'LT_TRANSFER_NOT_FOUND',
      'not_found',
      `dossier ${current.code} has no transfer ${report.documentId}`,
    );
  }
  const transfer = current.transfers[index];
  if (transfer.to.id !== report.from.id) {
    throw new LtError(
      'LT_TRANSFER_WRONG_AGENCY',
      'validation',
      `transfer ${report.documentId} went to ${transfer.to.id}, not to ${report.from.id} who answered it`,
    );
  }
  const note = `${report.from.name ?? report.from.id}: ${report.description} (edXML ${report.statusCode})`;
  if (current.progress.some((p) => p.note === note && p.at === report.at)) return undefined;
  const transfers = [...current.transfers];
  // A late message (a 05 re-offered after the 06) joins the timeline but does not move the transfer back.
  if (rank(report.statusCode) >= rank(transfer.statusCode)) {
    transfers[index] = { ...transfer, status: report.status, statusCode: report.statusCode };
  }
  return {
    dossier: {
      ...current,
      version: current.version + 1,
      transfers,
      progress: [...current.progress, { status: current.status, at: report.at, note }],
    },
    change: { kind: 'updated', actor, note, progressFrom: current.progress.length },
  };
}
