/**
 * The iGate (VNPT "digo" platform) dossier as the simulator stores and serves it, following the public
 * samples in `shared/specs/samples/igate/` (spec §5). Dates are ISO 8601 with a `+0000` offset
 * (`2022-09-21T02:15:00.000+0000`) or null while the milestone has not happened.
 */

/** One language version of a name; iGate uses 228 for Vietnamese and 46 for English. */
export interface IgateName {
  languageId: number;
  name: string;
  description?: string | null;
}

/** An `{id, code, name[]}` reference, as agencies and their parents are embedded in a dossier. */
export interface IgateAgencyRef {
  id: string;
  code: string;
  name: IgateName[];
}

/** A `{label, value}` pick from iGate's place catalogue (value = the place's ObjectId). */
export interface IgatePlace {
  label: string;
  value: string;
}

export interface IgateApplicantData {
  fullname: string;
  ownerFullname?: string;
  identityNumber?: string;
  identityDate?: string;
  birthday?: string;
  gender?: number;
  phoneNumber?: string;
  email?: string;
  address?: string;
  nation?: IgatePlace;
  province?: IgatePlace;
  district?: IgatePlace;
  village?: IgatePlace;
  [key: string]: unknown;
}

export interface IgateFormFile {
  procedureForm: { id: string; name: string };
  order: number;
  case: { id: string };
  detail: { type: { id: string; name: string }; quantity: number };
  file: Array<{ id: string; filename: string; size: number }>;
}

export interface IgateFee {
  id: string;
  procost: { id: string; type: { id: string; name: IgateName[] } };
  name: string;
  amount: number;
  quantity: number;
  paid: number;
  required: number;
}

/** The full dossier object: what `GET /pa/dossier/search` lists and `GET /pa/dossier/{id}/--online` returns. */
export interface IgateDossier {
  id: string;
  code: string;
  nationCode?: string;
  isDVCLT: boolean;
  codePattern?: { id: string };
  agency: IgateAgencyRef & { parent?: IgateAgencyRef };
  procedure: {
    id: string;
    code: string;
    translate: IgateName[];
    sector: { id?: string; code: string; name: IgateName[] };
  };
  applicant: { userId: string; eformId: string; data: IgateApplicantData };
  /** 0 direct (at the counter), 1 online, 2 postal. */
  applyMethod: { id: number; name: string };
  dossierReceivingKind: { id: string; name: IgateName[] };
  /** A native code of `mappings/igate/status.yaml`. */
  dossierStatus: number;
  dossierTaskStatus: { id: string; name: IgateName[] };
  procedureProcessDefinition: {
    id: string;
    processDefinition: {
      id?: string;
      name?: string;
      processingTime: number;
      processingTimeUnit: string;
      timesheet: { id?: string; name: string };
    };
  };
  dossierFee: IgateFee[];
  dossierFormFile: IgateFormFile[];
  paymentMethod?: { id: string; name: string };
  appliedDate: string | null;
  acceptedDate: string | null;
  appointmentDate: string | null;
  completedDate: string | null;
  returnedDate: string | null;
  createdDate: string;
  updatedDate: string;
  [key: string]: unknown;
}

/** Spring Data's page answer (`spec=page`); a slice (`spec=slice`) has no totals. */
export interface IgatePage<T> {
  content: T[];
  pageable: {
    pageNumber: number;
    pageSize: number;
    offset: number;
    paged: boolean;
    unpaged: boolean;
    sort: IgateSortInfo;
  };
  totalElements?: number;
  totalPages?: number;
  number: number;
  size: number;
  numberOfElements: number;
  first: boolean;
  last: boolean;
  empty: boolean;
  sort: IgateSortInfo;
}

export interface IgateSortInfo {
  sorted: boolean;
  unsorted: boolean;
  empty: boolean;
}
