import type { Address } from './parties';

/**
 * How the result reaches the citizen, and the postal shipments involved. Mirrors `$defs` resultReturn,
 * shipment and shipmentEvent of the canonical schema.
 */

/** DVCQG HinhThuc: 0 counter (trực tiếp), 1 postal (BCCI); online = result delivered electronically. */
export const RESULT_RETURN_METHODS = ['counter', 'postal', 'online'] as const;
export type ResultReturnMethod = (typeof RESULT_RETURN_METHODS)[number];

/** Result-return choice (hình thức nhận kết quả). The schema requires an address when the method is postal. */
export interface ResultReturn {
  method: ResultReturnMethod;
  /** Delivery address; required for `postal`. */
  address?: Address;
  /** Who receives it (người nhận), when not the applicant. */
  receiverName?: string;
  phone?: string;
  email?: string;
}

/** pickup = VNPost collects the dossier from the citizen (thu gom); delivery = the result goes out (chuyển phát). */
export const SHIPMENT_DIRECTIONS = ['pickup', 'delivery'] as const;
export type ShipmentDirection = (typeof SHIPMENT_DIRECTIONS)[number];

/** One carrier tracking event. */
export interface ShipmentEvent {
  at: string;
  /** Carrier status label as reported. */
  status: string;
  /** Raw carrier status code (e.g. MyVNPost 0..22). */
  statusCode?: string;
  /** Post office or place. */
  location?: string;
}

/**
 * A postal shipment (bưu gửi). `status` stays the carrier's own label: VNPost's BCCI code table is
 * unknown (spec §3, [U]), so the model does not pretend to normalise it.
 */
export interface Shipment {
  /** Stable id within the dossier. */
  id: string;
  carrier: 'vnpost';
  direction: ShipmentDirection;
  /** VNPost ItemCode (số hiệu bưu gửi), once allocated. */
  waybill?: string;
  status: string;
  statusCode?: string;
  updatedAt?: string;
  /** Cash to collect on delivery, integer VND (CODAmount). */
  codAmount?: number;
  events?: ShipmentEvent[];
}
