import type { IgateDossier, IgatePage } from './types';

/**
 * `GET /pa/dossier/search`: parameters checked the way a Spring controller binds them (a value that does not
 * convert is a 400 naming the parameter), then filter, sort and page like Spring Data. Parameters it does not
 * know are ignored and empty ones count as absent, because real clients send dozens of `name=` pairs.
 */
export interface SearchQuery {
  page: number;
  size: number;
  spec: 'page' | 'slice';
  sort: Array<{ field: SortField; desc: boolean }>;
  code?: string;
  statuses?: number[];
  agencyId?: string;
  ancestorAgencyId?: string;
  acceptedFrom?: number;
  acceptedTo?: number;
  applyMethodId?: number;
}

const SORT_FIELDS = ['id', 'code', 'updatedDate', 'acceptedDate'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** Largest `size` accepted (iGate clients ask for at most a few hundred). */
const MAX_PAGE_SIZE = 500;

/** A 400 with Spring's error body; `message` names the parameter. */
export class SpringBadRequest extends Error {}

const INT = /^-?\d+$/;

/** Binds and checks the query string; throws {@link SpringBadRequest}. */
export function parseSearchQuery(query: Record<string, unknown>): SearchQuery {
  const one = (name: string): string | undefined => {
    const raw = query[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const int = (name: string): number | undefined => {
    const value = one(name);
    if (value === undefined) return undefined;
    if (!INT.test(value)) throw convertError(name, value, 'int');
    return Number(value);
  };
  const page = int('page') ?? 0;
  if (page < 0) throw new SpringBadRequest(`Page index must not be less than zero (parameter 'page')`);
  const size = int('size') ?? 20;
  if (size < 1 || size > MAX_PAGE_SIZE)
    throw new SpringBadRequest(
      `Page size must be between 1 and ${MAX_PAGE_SIZE}, got ${size} (parameter 'size')`,
    );
  const spec = one('spec') ?? 'page';
  if (spec !== 'page' && spec !== 'slice') throw convertError('spec', spec, "'page' or 'slice'");
  const statuses = one('dossier-status');
  if (statuses !== undefined && !/^\d+(,\d+)*$/.test(statuses.replaceAll(' ', '')))
    throw convertError('dossier-status', statuses, 'java.util.List<java.lang.Integer>');
  return {
    page,
    size,
    spec,
    sort: parseSort(query.sort),
    code: one('code'),
    statuses: statuses?.replaceAll(' ', '').split(',').map(Number),
    agencyId: one('agency-id'),
    ancestorAgencyId: one('ancestor-agency-id'),
    acceptedFrom: instant('accepted-from', one('accepted-from'), false),
    acceptedTo: instant('accepted-to', one('accepted-to'), true),
    applyMethodId: int('apply-method-id'),
  };
}

function parseSort(raw: unknown): SearchQuery['sort'] {
  const values = (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  if (values.length === 0) return [{ field: 'updatedDate', desc: true }];
  return values.map((value) => {
    const [field, direction = 'asc', ...rest] = value.split(',').map((s) => s.trim());
    if (!(SORT_FIELDS as readonly string[]).includes(field))
      throw new SpringBadRequest(`No property '${field}' found for type 'Dossier' (parameter 'sort')`);
    if (rest.length > 0 || !/^(asc|desc)$/i.test(direction))
      throw new SpringBadRequest(
        `Invalid value '${direction}' for orders given; Has to be either 'desc' or 'asc' (parameter 'sort')`,
      );
    return { field: field as SortField, desc: direction.toLowerCase() === 'desc' };
  });
}

/**
 * An `accepted-from/to` bound: an ISO instant (offset `Z`, `+07:00` or `+0700`), or a bare local date
 * meaning the start (from) or the end (to) of that day in Vietnam.
 */
function instant(name: string, value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const iso = day ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}+07:00` : value;
  const ms = /T/.test(iso) ? Date.parse(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
  if (Number.isNaN(ms)) throw convertError(name, value, 'java.util.Date');
  return ms;
}

function convertError(name: string, value: string, type: string): SpringBadRequest {
  return new SpringBadRequest(
    `Failed to convert value '${value}' of parameter '${name}' to required type ${type}`,
  );
}

const time = (value: unknown): number =>
  typeof value === 'string' ? Date.parse(value.replace('+0000', 'Z')) : NaN;

/**
 * Runs a search over `all`; the page holds the given objects, not copies. `ancestorsOf` gives the iGate ids above an agency in the registry, for
 * `ancestor-agency-id` (a dossier of a commune is found by its province's id).
 */
export function searchDossiers(
  all: Iterable<IgateDossier>,
  q: SearchQuery,
  ancestorsOf: (agencyIgateId: string) => string[],
): IgatePage<IgateDossier> {
  const hits = [...all].filter((d) => {
    if (q.code !== undefined && !d.code.toLowerCase().includes(q.code.toLowerCase())) return false;
    if (q.statuses && !q.statuses.includes(d.dossierStatus)) return false;
    if (q.agencyId !== undefined && d.agency.id !== q.agencyId) return false;
    if (q.ancestorAgencyId !== undefined) {
      const line = [d.agency.id, d.agency.parent?.id, ...ancestorsOf(d.agency.id)];
      if (!line.includes(q.ancestorAgencyId)) return false;
    }
    const accepted = time(d.acceptedDate);
    if (q.acceptedFrom !== undefined && !(accepted >= q.acceptedFrom)) return false;
    if (q.acceptedTo !== undefined && !(accepted <= q.acceptedTo)) return false;
    return q.applyMethodId === undefined || d.applyMethod.id === q.applyMethodId;
  });
  hits.sort((a, b) => {
    for (const { field, desc } of q.sort) {
      const order = compare(a[field], b[field]);
      if (order !== 0) return desc ? -order : order;
    }
    return compare(a.id, b.id);
  });
  const offset = q.page * q.size;
  const content = hits.slice(offset, offset + q.size);
  const sorted = { sorted: true, unsorted: false, empty: false };
  const totalPages = Math.ceil(hits.length / q.size);
  const last = offset + q.size >= hits.length;
  return {
    content,
    pageable: { pageNumber: q.page, pageSize: q.size, offset, paged: true, unpaged: false, sort: sorted },
    ...(q.spec === 'page' ? { totalElements: hits.length, totalPages } : {}),
    number: q.page,
    size: q.size,
    numberOfElements: content.length,
    first: q.page === 0,
    last,
    empty: content.length === 0,
    sort: sorted,
  };
}

/** Spring Data's order for Mongo: missing values first in ascending order. */
function compare(a: unknown, b: unknown): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
