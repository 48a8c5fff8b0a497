import { LtError } from '../../../src/errors';
import { patternId } from './patterns';
import { randomApplicant } from './people';
import { igateReference } from './reference';
import type { IgateReference, SimAgency, SimProcedure } from './reference';
import type { IgateDossier, IgateFormFile } from './types';
import {
  APPLY_METHODS,
  RECEIVING_KINDS,
  addDuration,
  agencyRef,
  feesOf,
  igateTime,
  localDay,
  localYyMMdd,
  objectId,
  procedureRef,
  processDefinition,
  taskStatus,
} from './wire';

/** Options of {@link generateIgateDossier}. */
export interface GenerateOptions {
  /** @defaultValue the package's own mappings (agency registry, procedure map, status table) */
  ref?: IgateReference;
  /** Allocates the dossier code; by default `<agency code>-<yyMMdd>-<seq>` from the `seq` argument. */
  code?: (agency: SimAgency, procedure: SimProcedure) => string;
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

/** What a counter asks for, by sector: the forms of the dossier (thành phần hồ sơ). */
const FORMS: Record<string, string[]> = {
  HOTICH: ['Tờ khai đăng ký hộ tịch', 'Giấy tờ tùy thân của người yêu cầu'],
  CHUNGTHUC: ['Bản chính giấy tờ cần chứng thực', 'Bản sao cần chứng thực'],
  TLHDH: ['Giấy đề nghị đăng ký hộ kinh doanh', 'Bản sao giấy tờ pháp lý của cá nhân'],
};

function formsOf(p: SimProcedure, rand: () => number, nowMs: number): IgateFormFile[] {
  const names = FORMS[p.sector.code] ?? ['Đơn đề nghị'];
  return names.map((name, i) => ({
    procedureForm: { id: objectId(nowMs - 86_400_000 * 400, rand), name },
    order: i + 1,
    case: { id: objectId(nowMs - 86_400_000 * 400, rand) },
    detail: {
      type: { id: '5f642cfb4e1bd312a6f3ae32', name: i === 0 ? 'Bản chính' : 'Bản sao' },
      quantity: 1,
    },
    file: [
      {
        id: objectId(nowMs, rand),
        filename: `thanh-phan-${i + 1}.pdf`,
        size: 40_000 + Math.floor(rand() * 400_000),
      },
    ],
  }));
}

/**
 * A realistic dossier just received at a counter or accepted online, in the iGate wire format: a made-up
 * applicant of Quảng Ngãi, a procedure of the procedure map (with its iGate ids), an agency of the registry
 * whose code is open today, a mixed apply method, and status received with its accepted and appointment
 * dates. Deterministic for a given `rand` sequence, `now` and `seq` (tests, fixtures, the benchmark).
 */
export function generateIgateDossier(
  rand: () => number,
  now: Date | number,
  seq: number,
  options: GenerateOptions = {},
): IgateDossier {
  const ref = options.ref ?? igateReference();
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const agencies = ref.agenciesValidOn(localDay(nowMs));
  if (agencies.length === 0 || ref.procedures.length === 0)
    throw new LtError(
      'LT_IGATE_SIM_REFERENCE',
      'internal',
      `no iGate agency open on ${localDay(nowMs)} or no procedure`,
    );
  // Most dossiers go to communes (hộ tịch, chứng thực, hộ kinh doanh); a few to provincial bodies.
  const local = agencies.filter((a) => a.level !== 'province');
  const agency = pick(rand, local.length > 0 && rand() < 0.85 ? local : agencies);
  const procedure = pick(rand, ref.procedures);
  const id = objectId(nowMs, rand);
  const methodDraw = rand();
  const method = APPLY_METHODS[methodDraw < 0.5 ? 0 : methodDraw < 0.9 ? 1 : 2];
  const receiving = method.id === 2 || rand() < 0.2 ? RECEIVING_KINDS.postal : RECEIVING_KINDS.counter;
  // Online and postal dossiers were submitted some hours before an officer accepted them.
  const applied = method.id === 0 ? nowMs : nowMs - Math.floor(rand() * 48 * 3_600_000);
  const code =
    options.code?.(agency, procedure) ?? `${agency.id}-${localYyMMdd(nowMs)}-${String(seq).padStart(4, '0')}`;
  const fees = feesOf(procedure, id, method.id === 0);
  return {
    id,
    code,
    isDVCLT: false,
    codePattern: { id: patternId(agency.igateId, procedure.igate.id) },
    agency: agencyRef(agency, ref),
    procedure: procedureRef(procedure),
    applicant: {
      userId: objectId(applied, rand),
      eformId: '60d990f88e6893001e5a7b42',
      data: randomApplicant(rand, nowMs),
    },
    applyMethod: { ...method },
    dossierReceivingKind: structuredClone(receiving),
    dossierStatus: ref.statusNative('received'),
    dossierTaskStatus: taskStatus('received'),
    procedureProcessDefinition: processDefinition(procedure),
    dossierFee: fees,
    dossierFormFile: formsOf(procedure, rand, nowMs),
    ...(fees.length > 0
      ? {
          paymentMethod: {
            id: '5f7fca83b80e603d5300dcf4',
            name: method.id === 0 ? 'Trực tiếp' : 'Trực tuyến',
          },
        }
      : {}),
    appliedDate: igateTime(applied),
    acceptedDate: igateTime(nowMs),
    appointmentDate: igateTime(addDuration(nowMs, procedure.duration)),
    completedDate: null,
    returnedDate: null,
    createdDate: igateTime(applied),
    updatedDate: igateTime(nowMs),
  };
}
