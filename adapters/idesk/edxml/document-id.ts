/**
 * The edXML DocumentId. QCVN 102 writes it `<OrganId>,<yyyy/MM/dd>,<number>/<notation>` (the sender, the
 * promulgation date, the số/ký hiệu), e.g. `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`; the VXP SDK's own
 * builder puts a UUID there instead. Both are accepted and told apart by `kind`.
 */
import { parseIsoDay } from '../../../src/time';
import { EdxmlErrors, edxmlError } from './errors';

/** A DocumentId in the QCVN 102 form. `date` is `YYYY-MM-DD` as written (not checked against the calendar). */
export interface QcvnDocumentId {
  kind: 'qcvn';
  organId: string;
  date: string;
  number: string;
  /** Everything after the first `/` of the code: ký hiệu may itself hold `/` (`2023/TT-BTTTT`). */
  notation: string;
}

export interface UuidDocumentId {
  kind: 'uuid';
  uuid: string;
}

export type ParsedDocumentId = QcvnDocumentId | UuidDocumentId;

const QCVN = /^([^,\s]+),(\d{4})\/(\d{2})\/(\d{2}),([^,/]+)\/([^,]+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a DocumentId by its shape; undefined when it is neither form. */
export function parseDocumentId(value: string): ParsedDocumentId | undefined {
  const v = value.trim();
  if (UUID.test(v)) return { kind: 'uuid', uuid: v.toLowerCase() };
  const m = QCVN.exec(v);
  if (!m) return undefined;
  return { kind: 'qcvn', organId: m[1], date: `${m[2]}-${m[3]}-${m[4]}`, number: m[5], notation: m[6] };
}

/** `'qcvn'`, `'uuid'`, or undefined for anything else. */
export function classifyDocumentId(value: string): ParsedDocumentId['kind'] | undefined {
  return parseDocumentId(value)?.kind;
}

/**
 * What is wrong with a DocumentId, as human-readable problems (none: it is valid). A QCVN form naming an
 * impossible date (the SDK's own update sample says `2014/02/30`) is a problem too.
 */
export function validateDocumentId(value: string): string[] {
  const parsed = parseDocumentId(value);
  if (!parsed) {
    return [
      `DocumentId '${value.slice(0, 80)}' is neither <OrganId>,<yyyy/MM/dd>,<number>/<notation> nor a UUID`,
    ];
  }
  if (parsed.kind === 'qcvn' && parseIsoDay(parsed.date) === undefined) {
    return [`DocumentId '${value.slice(0, 80)}' names an impossible date ${parsed.date}`];
  }
  return [];
}

/** The parts of a QCVN DocumentId; `date` is `YYYY-MM-DD` or `yyyy/MM/dd`. */
export interface DocumentIdParts {
  organId: string;
  date: string;
  number: string | number;
  notation: string;
}

/** Writes `<OrganId>,<yyyy/MM/dd>,<number>/<notation>`; refuses parts that would not read back the same. */
export function formatDocumentId(parts: DocumentIdParts): string {
  const date = parts.date.replace(/\//g, '-');
  const out = `${parts.organId},${date.replace(/-/g, '/')},${parts.number}/${parts.notation}`;
  const back = parseDocumentId(out);
  const same =
    back?.kind === 'qcvn' &&
    back.organId === parts.organId &&
    back.number === String(parts.number) &&
    back.notation === parts.notation;
  if (!same || parseIsoDay(date) === undefined) {
    throw edxmlError(EdxmlErrors.badDocumentId, `cannot write a DocumentId from these parts: '${out}'`);
  }
  return out;
}
