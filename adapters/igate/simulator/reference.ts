import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { DOSSIER_STATUSES } from '../../../src/model/status';
import type { DossierStatus } from '../../../src/model/status';
import { LtError } from '../../../src/errors';
import { MAPPINGS_DIR } from '../../../src/paths';

/**
 * The reference data the simulator answers from, read from the same `mappings/` files the gateway uses, so
 * that the sandbox accepts exactly the agencies, procedures and status codes the gateway will send.
 */
export interface SimAgency {
  /** Registry id: the QCVN 102 code iGate shows as `agency.code`. */
  id: string;
  name: string;
  level: string;
  parent?: string;
  igateId: string;
  validFrom?: string;
  validTo?: string;
}

export interface SimProcedure {
  local: string;
  national: string;
  name: string;
  sector: { code: string; name: string };
  duration: { value: number; unit: 'working_days' | 'calendar_days' | 'working_hours' };
  igate: { id: string; processDefinitionId: string };
  fees: Array<{ name: string; amount: number; kind: string }>;
}

export interface IgateReference {
  agencies: SimAgency[];
  procedures: SimProcedure[];
  agencyByIgateId(id: string): SimAgency | undefined;
  agencyById(id: string): SimAgency | undefined;
  procedureByIgateId(id: string): SimProcedure | undefined;
  /** Agencies whose code is open on a local `YYYY-MM-DD` day (registry `validFrom`/`validTo`). */
  agenciesValidOn(day: string): SimAgency[];
  /** The native code written for a canonical status (the table's `reverse` row, else its only row). */
  statusNative(status: DossierStatus): number;
  /** The canonical status of a native code; undefined for a code the table does not list. */
  statusCanonical(native: number): DossierStatus | undefined;
}

interface StatusEntry {
  native: string;
  canonical: string;
  reverse?: boolean;
}

function readYaml(dir: string, file: string): Record<string, unknown> {
  return YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
}

function refError(detail: string): LtError {
  return new LtError('LT_IGATE_SIM_REFERENCE', 'internal', detail);
}

/**
 * Checks the status table the way the mapping engine relies on it: known canonical statuses, numeric
 * natives listed once, and exactly one `reverse` row wherever several natives share a canonical status.
 */
export function checkStatusTable(entries: StatusEntry[]): Map<DossierStatus, number> {
  const reverse = new Map<DossierStatus, number>();
  const seen = new Set<string>();
  const byCanonical = new Map<string, StatusEntry[]>();
  for (const e of entries) {
    if (!/^\d+$/.test(e.native)) throw refError(`status native '${e.native}' is not a number`);
    if (seen.has(e.native)) throw refError(`status native ${e.native} listed twice`);
    seen.add(e.native);
    if (!(DOSSIER_STATUSES as readonly string[]).includes(e.canonical))
      throw refError(`status ${e.native}: unknown canonical status '${e.canonical}'`);
    byCanonical.set(e.canonical, [...(byCanonical.get(e.canonical) ?? []), e]);
  }
  for (const status of DOSSIER_STATUSES) {
    const rows = byCanonical.get(status) ?? [];
    if (rows.length === 0) throw refError(`status table has no native code for '${status}'`);
    const marked = rows.filter((r) => r.reverse);
    if (rows.length > 1 && marked.length !== 1)
      throw refError(`status '${status}' has ${rows.length} natives: mark exactly one reverse: true`);
    reverse.set(status, Number((marked[0] ?? rows[0]).native));
  }
  return reverse;
}

/** Reads the agency registry, the procedure map and the iGate status table from a mappings folder. */
export function loadIgateReference(dir: string = MAPPINGS_DIR): IgateReference {
  const registry = readYaml(dir, 'agencies/registry.yaml').agencies as Array<Partial<SimAgency>>;
  const procedureMap = readYaml(dir, 'procedures/procedures.yaml').procedures as Array<
    Record<string, unknown>
  >;
  const statusRows = readYaml(dir, 'igate/status.yaml').entries as StatusEntry[];
  // Only agencies and procedures iGate knows (an ObjectId) can appear in an iGate dossier.
  const agencies = registry.filter((a): a is SimAgency => typeof a.igateId === 'string');
  const procedures: SimProcedure[] = procedureMap
    .filter((p) => (p.igate as { processDefinitionId?: string } | undefined)?.processDefinitionId)
    .map((p) => ({
      local: String(p.local),
      national: String(p.national),
      name: String(p.name),
      sector: (p.sector as SimProcedure['sector']) ?? { code: 'KHAC', name: 'Khác' },
      duration: (p.duration as SimProcedure['duration']) ?? { value: 1, unit: 'working_days' },
      igate: p.igate as SimProcedure['igate'],
      fees: (p.fees as SimProcedure['fees']) ?? [],
    }));
  const reverse = checkStatusTable(statusRows);
  const canonical = new Map(statusRows.map((e) => [Number(e.native), e.canonical as DossierStatus]));
  return {
    agencies,
    procedures,
    agencyByIgateId: (id) => agencies.find((a) => a.igateId === id),
    agencyById: (id) => agencies.find((a) => a.id === id),
    procedureByIgateId: (id) => procedures.find((p) => p.igate.id === id),
    agenciesValidOn: (day) =>
      agencies.filter((a) => (!a.validFrom || a.validFrom <= day) && (!a.validTo || day <= a.validTo)),
    statusNative: (status) => reverse.get(status) as number,
    statusCanonical: (native) => canonical.get(native),
  };
}

let cached: IgateReference | undefined;

/** The reference data of the package's own `mappings/`, read once per process. */
export function igateReference(): IgateReference {
  cached ??= loadIgateReference();
  return cached;
}
