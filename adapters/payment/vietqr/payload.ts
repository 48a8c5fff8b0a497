import { LtError } from '../../../src/errors';

/**
 * VietQR: the NAPAS merchant-presented QR payload (EMVCo TLV, spec "QR_Format_T&C_v1.0_VN_092021", spec §4.3)
 * that a citizen scans at the one-stop counter to pay a dossier's fees by bank transfer. Each field is a
 * 2-digit tag, a 2-digit length and the value; the last field (63) is a CRC-16/CCITT-FALSE over everything
 * before it, `6304` included. Pure functions; the QR image is drawn elsewhere.
 */

/** NAPAS' application identifier in tag 38/00. */
export const NAPAS_GUID = 'A000000727';
/** BIDV's bank identification number. */
export const BIDV_BIN = '970418';

export interface VietQrRequest {
  /** Acquirer bank BIN, 6 digits (BIDV: {@link BIDV_BIN}). */
  bin: string;
  /** Account number (or card number with `to: 'card'`). */
  account: string;
  /** @defaultValue 'account' (QRIBFTTA); 'card' is QRIBFTTC */
  to?: 'account' | 'card';
  /** Integer VND; a payload with an amount is dynamic (tag 01 = 12), one without static (11). */
  amount?: number;
  /** Tag 62/01: the bill number, here the dossier code, which reconciliation matches on. */
  billNumber?: string;
  /** Tag 62/08: the purpose shown in the banking app (written without diacritics). */
  purpose?: string;
  /** Tag 52, when the acquirer wants one. */
  mcc?: string;
}

const invalid = (detail: string) => new LtError('LT_VIETQR_INVALID', 'validation', detail);

function tlv(tag: string, value: string): string {
  if (value.length > 99) throw invalid(`tag ${tag} is ${value.length} characters, over the 99 a field holds`);
  return `${tag}${String(value.length).padStart(2, '0')}${value}`;
}

/** Vietnamese letters to their base (QR payloads are read as ASCII by banking apps): "Lệ phí" → "Le phi". */
export function withoutDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection), 4 uppercase hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** The payload text, CRC included. */
export function buildVietQr(request: VietQrRequest): string {
  if (!/^\d{6}$/.test(request.bin)) throw invalid('bin must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(request.account)) throw invalid('account must be 1–19 letters or digits');
  if (request.amount !== undefined && !(Number.isSafeInteger(request.amount) && request.amount > 0))
    throw invalid('amount must be a positive whole number of VND');
  const beneficiary = tlv('00', request.bin) + tlv('01', request.account);
  const service = request.to === 'card' ? 'QRIBFTTC' : 'QRIBFTTA';
  const merchant = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', service);
  const extra =
    (request.billNumber ? tlv('01', ascii(request.billNumber, 'billNumber')) : '') +
    (request.purpose ? tlv('08', ascii(withoutDiacritics(request.purpose), 'purpose')) : '');
  const body =
    tlv('00', '01') +
    tlv('01', request.amount === undefined ? '11' : '12') +
    tlv('38', merchant) +
    (request.mcc ? tlv('52', request.mcc) : '') +
    tlv('53', '704') +
    (request.amount === undefined ? '' : tlv('54', String(request.amount))) +
    tlv('58', 'VN') +
    (extra ? tlv('62', extra) : '') +
    '6304';
  return body + crc16(body);
}

function ascii(value: string, field: string): string {
  if (!/^[\x20-\x7e]*$/.test(value))
    throw invalid(`${field} must be printable ASCII once diacritics are removed`);
  return value;
}

/** Top-level fields of a payload, in order; throws when a length runs past the end. */
export function readTlv(text: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (let at = 0; at < text.length;) {
    const tag = text.slice(at, at + 2);
    const length = Number(text.slice(at + 2, at + 4));
    if (!/^\d{2}$/.test(tag) || !Number.isInteger(length) || at + 4 + length > text.length)
      throw invalid(`malformed field at ${at}`);
    fields.push([tag, text.slice(at + 4, at + 4 + length)]);
    at += 4 + length;
  }
  return fields;
}

/** Whether the payload's CRC (tag 63) matches the text before it. */
export function crcValid(payload: string): boolean {
  return (
    payload.length > 8 &&
    payload.slice(-8, -4) === '6304' &&
    crc16(payload.slice(0, -4)) === payload.slice(-4)
  );
}
