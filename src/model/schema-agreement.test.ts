import {
  AGENCY_LEVELS,
  APPLICANT_KINDS,
  CHANNELS,
  DOCUMENT_KINDS,
  DOSSIER_SCHEMA_VERSION,
  EXTERNAL_SYSTEMS,
  FEE_KINDS,
  IDENTITY_KINDS,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  RESULT_RETURN_METHODS,
  SHIPMENT_DIRECTIONS,
  SIGNATURE_VERDICTS,
  SUPPLEMENT_STATUSES,
  TRANSFER_STATUSES,
} from './dossier';
import type { Dossier } from './dossier';
import { DOSSIER_STATUSES } from './status';
import { DOSSIER_SCHEMA, isValidDossier } from './validate';

/**
 * The schema file and the TypeScript types must describe the same document. Enums are compared with the
 * const arrays; fields are compared through one object that sets every optional field: the type checker
 * refuses a key the types lack, the schema refuses a key it lacks, and the walk below fails on a schema
 * property the object (hence the types) does not have.
 */

type Schema = Record<string, unknown> & {
  properties?: Record<string, Schema>;
  $ref?: string;
  items?: Schema;
};
const DEFS = DOSSIER_SCHEMA.$defs as Record<string, Schema>;
const ROOT = DOSSIER_SCHEMA as Schema;

function def(name: string): Schema {
  return DEFS[name];
}
function resolve(s: Schema): Schema {
  return s.$ref ? resolve(def(s.$ref.replace('#/$defs/', ''))) : s;
}

/** Every field set, recursively: the type of a "full" dossier. */
type Full<T> = T extends readonly (infer U)[]
  ? Full<U>[]
  : T extends object
    ? { [K in keyof T]-?: Full<T[K]> }
    : T;

const AT = '2024-01-01T00:00:00Z';
const HASH = 'a'.repeat(64);
const address = {
  line: 'Số 1',
  countryCode: 'VN',
  provinceCode: '01',
  districtCode: '001',
  communeCode: '00001',
  provinceName: 'T',
  districtName: 'H',
  communeName: 'X',
};
const peer = { id: '000.00.00.H01', name: 'A', level: 'province' as const };
const FULL: Full<Dossier> = {
  schemaVersion: 1,
  code: 'X-1',
  version: 1,
  receiptNumber: 'BN1',
  status: 'processing',
  procedure: { nationalCode: '1.000001', localCode: 'L1', name: 'P', sector: { code: 'S', name: 'S' } },
  agency: { id: 'H01.1', name: 'A', level: 'commune', parent: peer },
  applicant: {
    kind: 'citizen',
    name: 'Nguyễn Văn A',
    identity: { kind: 'cccd', number: '001099000001' },
    phone: '0900000001',
    email: 'a@example.com',
    address,
    techId: 't',
    vneidVerified: true,
  },
  channel: 'online',
  times: {
    submittedAt: AT,
    receivedAt: AT,
    dueAt: AT,
    finishedAt: AT,
    returnedAt: AT,
    rejectedAt: AT,
    dueAtSource: 'gateway',
  },
  summary: 's',
  progress: [
    {
      status: 'processing',
      at: AT,
      actor: { name: 'n', title: 't', department: 'd' },
      note: 'n',
      startedAt: AT,
      dueAt: AT,
    },
  ],
  documents: [
    {
      id: 'd1',
      kind: 'submitted',
      componentCode: 'C',
      name: 'n',
      mediaType: 'application/pdf',
      sha256: HASH,
      size: 1,
      blobRef: 'b',
      url: 'https://example.com/f',
      signature: { verdict: 'valid', signer: 's', signedAt: AT, checkedAt: AT, detail: 'd' },
      digitised: true,
      reused: false,
    },
  ],
  supplements: [
    {
      id: 's1',
      requestedAt: AT,
      requestedBy: 'r',
      reason: 'r',
      status: 'requested',
      submittedAt: AT,
      previousDueAt: AT,
      newDueAt: AT,
      documentIds: ['d1'],
    },
  ],
  fees: [{ code: 'F', name: 'n', amount: 0, kind: 'fee' }],
  payments: [
    {
      id: 'p1',
      method: 'paygov',
      amount: 1,
      currency: 'VND',
      status: 'paid',
      reference: 'r',
      transactionId: 't',
      bankCode: 'BIDV',
      requestedAt: AT,
      paidAt: AT,
      receiptRef: 'r',
    },
  ],
  resultReturn: { method: 'postal', address, receiverName: 'r', phone: '0900000001', email: 'a@example.com' },
  shipments: [
    {
      id: 'sh1',
      carrier: 'vnpost',
      direction: 'delivery',
      waybill: 'EB1VN',
      status: 's',
      statusCode: '1',
      updatedAt: AT,
      codAmount: 0,
      events: [{ at: AT, status: 's', statusCode: '1', location: 'l' }],
    },
  ],
  transfers: [
    {
      id: 't1',
      from: peer,
      to: peer,
      at: AT,
      reason: 'r',
      documentIds: ['doc1'],
      documentId: 'd',
      exchangeDocId: 'x',
      status: 'sent',
      statusCode: '01',
    },
  ],
  externalIds: { igate: 'i', dvcqg: 'd', idesk: 'i', vxp: 'v', paygov: 'p', bidv: 'b', vnpost: 'v' },
  extensions: { anything: { goes: true } },
};

/** Fails on a schema property missing from the data at the same place (schema ⊆ types). */
function missing(schema: Schema, data: unknown, at: string): string[] {
  const s = resolve(schema);
  if (Array.isArray(data) && s.items)
    return data.flatMap((d, i) => missing(s.items as Schema, d, `${at}/${i}`));
  if (!s.properties || typeof data !== 'object' || data === null) return [];
  return Object.entries(s.properties).flatMap(([key, sub]) =>
    key in data ? missing(sub, (data as Record<string, unknown>)[key], `${at}/${key}`) : [`${at}/${key}`],
  );
}

/** Object schemas with properties that are not closed. Conditional branches only refine a closed parent. */
function openObjects(s: unknown, at: string): string[] {
  if (typeof s !== 'object' || s === null) return [];
  const node = s as Schema;
  const branch = /\/(if|then|anyOf)(\/|$)/.test(at);
  const here = node.properties && node.additionalProperties !== false && !branch ? [at] : [];
  return [
    ...here,
    ...Object.entries(node).flatMap(([k, v]) => (k === 'extensions' ? [] : openObjects(v, `${at}/${k}`))),
  ];
}

describe('schema and types agree', () => {
  it('accepts a dossier with every field set, and every schema field is a typed field', () => {
    expect(isValidDossier(FULL)).toBe(true);
    expect(missing(ROOT, FULL, '')).toEqual([]);
  });

  it('closes every object except extensions', () => {
    expect(openObjects(DOSSIER_SCHEMA, '')).toEqual([]);
    expect(ROOT.properties?.extensions).toEqual(expect.objectContaining({ type: 'object' }));
  });

  it('uses the same version', () => {
    expect(ROOT.properties?.schemaVersion.const).toBe(DOSSIER_SCHEMA_VERSION);
  });

  it.each([
    ['status', def('status').enum, DOSSIER_STATUSES],
    ['channel', ROOT.properties?.channel.enum, CHANNELS],
    ['agency level', def('agencyLevel').enum, AGENCY_LEVELS],
    ['applicant kind', def('applicant').properties?.kind.enum, APPLICANT_KINDS],
    ['identity kind', def('identity').properties?.kind.enum, IDENTITY_KINDS],
    ['document kind', def('document').properties?.kind.enum, DOCUMENT_KINDS],
    ['signature verdict', def('signature').properties?.verdict.enum, SIGNATURE_VERDICTS],
    ['supplement status', def('supplement').properties?.status.enum, SUPPLEMENT_STATUSES],
    ['fee kind', def('fee').properties?.kind.enum, FEE_KINDS],
    ['payment method', def('payment').properties?.method.enum, PAYMENT_METHODS],
    ['payment status', def('payment').properties?.status.enum, PAYMENT_STATUSES],
    ['result-return method', def('resultReturn').properties?.method.enum, RESULT_RETURN_METHODS],
    ['shipment direction', def('shipment').properties?.direction.enum, SHIPMENT_DIRECTIONS],
    ['transfer status', def('transfer').properties?.status.enum, TRANSFER_STATUSES],
    ['external system', Object.keys(def('externalIds').properties ?? {}), EXTERNAL_SYSTEMS],
  ])('lists the same %s values', (_name, inSchema, inTypes) => {
    expect(inSchema).toEqual([...inTypes]);
  });
});
