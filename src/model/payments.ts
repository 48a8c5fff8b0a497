/**
 * Money owed and paid. Mirrors `$defs` fee and payment of the canonical schema. Amounts are integer VND:
 * the đồng has no minor unit and every partner (PayGov SoTien, VietQR tag 54) sends whole numbers.
 */

/** fee = phí, charge = lệ phí (Luật Phí và lệ phí 2015 translates them "fees and charges"). */
export const FEE_KINDS = ['fee', 'charge'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/** One amount due (DVCQG DanhSachLePhi entry). */
export interface Fee {
  /** Fee code (mã phí, lệ phí), DVCQG MaPhiLePhi. */
  code?: string;
  /** Fee name (tên phí, lệ phí). */
  name: string;
  /** Integer VND, ≥ 0 (some procedures are free). */
  amount: number;
  kind: FeeKind;
}

/**
 * How it was paid: at the counter, through the national platform (PayGov), BIDV's own paygate, a VietQR
 * transfer, another bank transfer, or otherwise.
 */
export const PAYMENT_METHODS = ['cash', 'paygov', 'bidv', 'vietqr', 'bank_transfer', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_STATUSES = ['pending', 'paid', 'failed', 'refunded', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** One payment attempt and its outcome (thanh toán). */
export interface Payment {
  /** Stable id within the dossier. */
  id: string;
  method: PaymentMethod;
  /** Integer VND. */
  amount: number;
  currency: 'VND';
  status: PaymentStatus;
  /** Our reference sent to the platform (PayGov MaThamChieu, VietQR bill number). */
  reference?: string;
  /** The platform's transaction id (PayGov MaGiaoDich). */
  transactionId?: string;
  /** Paying bank (PayGov MaNganHang). */
  bankCode?: string;
  /** When the payment was requested (UTC). */
  requestedAt?: string;
  /** When the platform confirmed it (UTC). */
  paidAt?: string;
  /** Blob reference of the e-receipt (biên lai điện tử, PayGov GET_BILL). */
  receiptRef?: string;
}
