import type { AgencyPeer } from './parties';

/**
 * Transfers between agencies (liên thông), usually carried as edXML documents over the national
 * exchange axis (VXP). Mirrors `$defs` transfer of the canonical schema.
 */

/**
 * Coarse transfer state. The raw edXML status (01 arrived, 02 rejected, 03 registered, 05 processing,
 * 06 completed, …) is kept in `statusCode` because several codes are unknown (spec §2.5, [U]).
 */
export const TRANSFER_STATUSES = ['sent', 'received', 'rejected', 'completed'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** One hand-over of the dossier (or part of it) from one agency to another. */
export interface Transfer {
  /** Stable id within the dossier. */
  id: string;
  from: AgencyPeer;
  to: AgencyPeer;
  /** When it was sent (UTC). */
  at: string;
  /** Why (lý do chuyển). */
  reason?: string;
  /** Ids in `documents` sent along; absent = all of them. */
  documentIds?: string[];
  /** edXML DocumentId of the carrying document, e.g. `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`. */
  documentId?: string;
  /** The axis's own id (VXP docId). */
  exchangeDocId?: string;
  status: TransferStatus;
  /** Raw edXML status code. */
  statusCode?: string;
}
