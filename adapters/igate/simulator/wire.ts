import type { DossierStatus } from '../../../src/model/status';
import type { IgateReference, SimAgency, SimProcedure } from './reference';
import type { IgateAgencyRef, IgateDossier, IgateFee, IgateName } from './types';

/** Small pieces of the iGate wire format shared by the create handler and the trickle. */

const VN_OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh is UTC+7 all year.
const DAY_MS = 86_400_000;

/** An instant as iGate writes it: ISO 8601 in UTC with a `+0000` offset, e.g. `2022-09-21T02:15:00.000+0000`. */
export function igateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const IGATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

/** Epoch milliseconds of an iGate time, or undefined when it is not exactly that format. */
export function parseIgateTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !IGATE_TIME.test(value)) return undefined;
  const ms = Date.parse(value.replace('+0000', 'Z'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The local (Vietnam) calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** `yyMMdd` of the local day, as dossier codes carry it (spec §6.2). */
export function localYyMMdd(ms: number): string {
  return localDay(ms).slice(2).replaceAll('-', '');
}

/**
 * The appointment (ngày hẹn trả) for a time limit counted from `fromMs`. Working days skip Saturdays and
 * Sundays only: the sandbox ignores public holidays, which the gateway's own deadline module handles.
 */
export function addDuration(fromMs: number, duration: SimProcedure['duration']): number {
  if (duration.unit === 'working_hours') return fromMs + duration.value * 3_600_000;
  if (duration.unit === 'calendar_days') return fromMs + duration.value * DAY_MS;
  let at = fromMs;
  for (let left = duration.value; left > 0;) {
    at += DAY_MS;
    const weekday = new Date(at + VN_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return at;
}

/** A Vietnamese-only multilingual name array. */
export function vi(name: string): IgateName[] {
  return [{ languageId: 228, name }];
}

/** A MongoDB-style ObjectId: 4 bytes of seconds, then 8 bytes drawn from `rand`. */
export function objectId(ms: number, rand: () => number): string {
  const seconds = Math.floor(ms / 1000)
    .toString(16)
    .padStart(8, '0')
    .slice(-8);
  let tail = '';
  while (tail.length < 16) tail += Math.floor(rand() * 16).toString(16);
  return seconds + tail;
}

/** iGate `applyMethod` (0 direct, 1 online, 2 postal; numbering inferred, see mappings/igate/apply-method.yaml). */
export const APPLY_METHODS = [
  { id: 0, name: 'Trực tiếp' },
  { id: 1, name: 'Trực tuyến' },
  { id: 2, name: 'Qua dịch vụ bưu chính công ích' },
] as const;

/** The two result-return kinds of the public samples (mappings/igate/receiving-kind.yaml). */
export const RECEIVING_KINDS: Readonly<Record<'counter' | 'postal', IgateDossier['dossierReceivingKind']>> = {
  counter: { id: '5f8968888fffa53e4c073ded', name: vi('Nhận trực tiếp') },
  postal: { id: '5f8969018fffa53e4c073dee', name: vi('Nhận qua dịch vụ bưu chính công ích') },
};

/**
 * `dossierTaskStatus` shown with each status. Two ids are public (Quảng Ngãi): "Mới đăng ký" from the full
 * sample and the return step a public client filters on; the others are sandbox ids.
 */
const TASK_STATUS: Record<DossierStatus, [string, string]> = {
  registered: ['60e409823dfc9609723e493c', 'Mới đăng ký'],
  received: ['6716a2c1f5b1b47c066e5001', 'Đã tiếp nhận'],
  rejected: ['6716a2c1f5b1b47c066e5002', 'Không được tiếp nhận'],
  processing: ['6716a2c1f5b1b47c066e5003', 'Đang xử lý'],
  supplement_requested: ['6716a2c1f5b1b47c066e5004', 'Chờ bổ sung'],
  payment_requested: ['6716a2c1f5b1b47c066e5005', 'Chờ thực hiện nghĩa vụ tài chính'],
  withdrawn: ['6716a2c1f5b1b47c066e5006', 'Đã rút hồ sơ'],
  stopped: ['6716a2c1f5b1b47c066e5007', 'Dừng xử lý'],
  resolved: ['6716a2c1f5b1b47c066e5008', 'Có kết quả'],
  returned: ['60ebf17309cbf91d41f87f8e', 'Đã trả kết quả'],
};

export function taskStatus(status: DossierStatus): IgateDossier['dossierTaskStatus'] {
  const [id, name] = TASK_STATUS[status];
  return { id, name: [{ languageId: 228, name, description: null }] };
}

/** The agency as embedded in a dossier, with its parent from the registry. */
export function agencyRef(agency: SimAgency, ref: IgateReference): IgateDossier['agency'] {
  const parent = agency.parent ? ref.agencyById(agency.parent) : undefined;
  const own: IgateAgencyRef = { id: agency.igateId, code: agency.id, name: vi(agency.name) };
  return parent ? { ...own, parent: { id: parent.igateId, code: parent.id, name: vi(parent.name) } } : own;
}

export function procedureRef(p: SimProcedure): IgateDossier['procedure'] {
  return {
    id: p.igate.id,
    code: p.local,
    translate: vi(p.name),
    sector: { code: p.sector.code, name: vi(p.sector.name) },
  };
}

export function processDefinition(p: SimProcedure): IgateDossier['procedureProcessDefinition'] {
  const hours = p.duration.unit === 'working_hours';
  return {
    id: p.igate.processDefinitionId,
    processDefinition: {
      name: `Quy trình ${p.sector.name} - ${p.duration.value} ${hours ? 'giờ' : 'ngày'}`,
      processingTime: p.duration.value,
      processingTimeUnit: hours ? 'h' : 'd',
      timesheet: { id: '623849e3e63b54793b9ff57e', name: 'Ngày làm việc' },
    },
  };
}

/** The procedure's fees and charges as `dossierFee` rows; `paid` says whether they were paid at reception. */
export function feesOf(p: SimProcedure, dossierId: string, paid: boolean): IgateFee[] {
  return p.fees.map((fee, i) => ({
    id: `${dossierId.slice(0, 18)}${(0xf00 + i).toString(16).padStart(6, '0')}`,
    procost: {
      id: `${p.igate.id.slice(0, 20)}c0${i}0`,
      type: { id: '631ee60a289989198cc323e3', name: vi(fee.name) },
    },
    name: fee.name,
    amount: fee.amount,
    quantity: 1,
    paid: paid ? fee.amount : 0,
    required: 1,
  }));
}
