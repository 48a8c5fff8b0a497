import type { IgateReference, SimAgency, SimProcedure } from './reference';
import type { PatternService } from './patterns';
import type { IgateDossier } from './types';
import {
  APPLY_METHODS,
  RECEIVING_KINDS,
  agencyRef,
  igateTime,
  localDay,
  parseIgateTime,
  procedureRef,
  processDefinition,
  taskStatus,
} from './wire';

/**
 * A refused create: HTTP 400 (409 for a code already used) with body `{ code: '<field path>', message }`,
 * so a client can tell which field of its body was wrong.
 */
export class IgateFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly status: 400 | 409 = 400,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

const obj = (v: unknown): Body | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Body) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function need(field: string, value: unknown, why = 'must not be empty'): string {
  const s = str(value);
  if (s === undefined) throw new IgateFieldError(field, why);
  return s;
}

/** The dates a create body may carry; each must be exactly iGate's `…+0000` form. */
const DATE_FIELDS = [
  ['appliedDate', (b: Body) => b.appliedDate],
  ['applicant.data.birthday', (b: Body) => obj(obj(b.applicant)?.data)?.birthday],
  ['applicant.data.identityDate', (b: Body) => obj(obj(b.applicant)?.data)?.identityDate],
] as const;

/**
 * Checks a `POST /pa/dossier` body against the reference data and the code service, the way the create
 * sample is built (spec §5), and returns the stored dossier (status registered, `dossierStatus` 0).
 */
export function createDossier(
  input: unknown,
  ctx: { ref: IgateReference; patterns: PatternService; now: number; newId: () => string },
): IgateDossier {
  const body = obj(input);
  if (!body) throw new IgateFieldError('body', 'a JSON object is required');
  const code = need(
    'code',
    body.code,
    'required: allocate one with /bd/config/get-pattern and --get-next-value',
  );
  const agency = checkAgency(obj(body.agency), ctx.ref, ctx.now);
  const procedure = checkProcedure(obj(body.procedure), ctx.ref);
  const definitionId = need('procedureProcessDefinition.id', obj(body.procedureProcessDefinition)?.id);
  if (definitionId !== procedure.igate.processDefinitionId)
    throw new IgateFieldError(
      'procedureProcessDefinition.id',
      `not a process definition of procedure ${procedure.local}`,
    );
  const applicant = obj(body.applicant);
  const data = obj(applicant?.data);
  need('applicant.data.fullname', data?.fullname);
  const identity = data?.identityNumber;
  if (
    identity !== undefined &&
    identity !== '' &&
    !(typeof identity === 'string' && /^(\d{9}|\d{12})$/.test(identity))
  )
    throw new IgateFieldError('applicant.data.identityNumber', 'must be 9 (CMND) or 12 (CCCD) digits');
  if (body.dossierStatus !== 0) throw new IgateFieldError('dossierStatus', 'must be 0 on submit');
  if (body.nationCode !== undefined && !(str(body.nationCode) && String(body.nationCode).length <= 64))
    throw new IgateFieldError('nationCode', 'must be a non-empty string of at most 64 characters');
  const receiving = receivingKind(body.dossierReceivingKind);
  const applyMethod = applyMethodOf(body.applyMethod);
  for (const [field, read] of DATE_FIELDS) {
    const value = read(body);
    if (value !== undefined && value !== null && parseIgateTime(value) === undefined)
      throw new IgateFieldError(
        field,
        'must be ISO 8601 with a +0000 offset, e.g. 2022-09-21T02:15:00.000+0000',
      );
  }
  const forms = body.dossierFormFile ?? [];
  if (!Array.isArray(forms) || forms.some((f) => !Array.isArray(obj(f)?.file)))
    throw new IgateFieldError('dossierFormFile', 'an array of {procedureForm, file: [...]} entries');
  const refusal = ctx.patterns.check(code, agency.igateId);
  if (refusal === 'used') throw new IgateFieldError('code', `dossier code ${code} is already used`, 409);
  if (refusal === 'other_agency')
    throw new IgateFieldError('code', `code ${code} was allocated for another agency`);
  if (refusal) throw new IgateFieldError('code', `code ${code} was not allocated by the pattern service`);
  ctx.patterns.markUsed(code);

  const at = igateTime(ctx.now);
  const pattern = ctx.patterns.patternFor(agency.igateId, procedure.igate.id);
  return {
    id: ctx.newId(),
    code,
    ...(body.nationCode !== undefined ? { nationCode: String(body.nationCode) } : {}),
    isDVCLT: false,
    ...(pattern ? { codePattern: { id: pattern.id } } : {}),
    agency: agencyRef(agency, ctx.ref),
    procedure: procedureRef(procedure),
    applicant: {
      userId: str(applicant?.userId) ?? ctx.newId(),
      eformId: str(applicant?.eformId) ?? '60d990f88e6893001e5a7b42',
      data: { ...(data as IgateDossier['applicant']['data']) },
    },
    applyMethod,
    dossierReceivingKind: receiving,
    dossierStatus: ctx.ref.statusNative('registered'),
    dossierTaskStatus: taskStatus('registered'),
    procedureProcessDefinition: processDefinition(procedure),
    dossierFee: Array.isArray(body.dossierFee) ? (body.dossierFee as IgateDossier['dossierFee']) : [],
    dossierFormFile: forms as IgateDossier['dossierFormFile'],
    ...(obj(body.paymentMethod)
      ? { paymentMethod: body.paymentMethod as IgateDossier['paymentMethod'] }
      : {}),
    appliedDate: (body.appliedDate as string | undefined) ?? at,
    acceptedDate: null,
    appointmentDate: null,
    completedDate: null,
    returnedDate: null,
    createdDate: at,
    updatedDate: at,
  };
}

function checkAgency(agency: Body | undefined, ref: IgateReference, now: number): SimAgency {
  const id = need('agency.id', agency?.id);
  const code = need('agency.code', agency?.code);
  const known = ref.agencyByIgateId(id);
  if (!known) throw new IgateFieldError('agency.id', `unknown agency ${id}`);
  if (known.id !== code)
    throw new IgateFieldError('agency.code', `${code} is not the code of agency ${id} (${known.id})`);
  const day = localDay(now);
  if ((known.validTo && day > known.validTo) || (known.validFrom && day < known.validFrom))
    throw new IgateFieldError('agency.code', `agency code ${code} is not open on ${day}`);
  return known;
}

function checkProcedure(procedure: Body | undefined, ref: IgateReference): SimProcedure {
  const id = need('procedure.id', procedure?.id);
  const code = need('procedure.code', procedure?.code);
  const known = ref.procedureByIgateId(id);
  if (!known) throw new IgateFieldError('procedure.id', `unknown procedure ${id}`);
  if (known.local !== code)
    throw new IgateFieldError('procedure.code', `${code} is not the code of procedure ${id}`);
  return known;
}

function receivingKind(value: unknown): IgateDossier['dossierReceivingKind'] {
  if (value === undefined) return structuredClone(RECEIVING_KINDS.counter);
  const id = str(obj(value)?.id);
  const kind = Object.values(RECEIVING_KINDS).find((k) => k.id === id);
  if (!kind) throw new IgateFieldError('dossierReceivingKind.id', `unknown receiving kind ${String(id)}`);
  return structuredClone(kind);
}

/** Defaults to online (1): a dossier created through the API was not taken in at a counter. */
function applyMethodOf(value: unknown): IgateDossier['applyMethod'] {
  if (value === undefined) return { ...APPLY_METHODS[1] };
  const method = APPLY_METHODS.find((m) => m.id === obj(value)?.id);
  if (!method) throw new IgateFieldError('applyMethod.id', 'must be 0 (direct), 1 (online) or 2 (postal)');
  return { ...method };
}
