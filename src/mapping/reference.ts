import type { AgencyLevel } from '../model';

/**
 * Reference data the mappings look up: code tables, the agency registry and the procedure map. Plain data
 * read from `mappings/`; this module only describes and indexes it (no I/O, see `load.ts`).
 */

/** One row of a code table: a native code and the canonical value it stands for. */
export interface CodeEntry {
  native: string;
  canonical: string;
  label?: string;
  evidence?: string;
  /** The native code written when several map to one canonical value. */
  reverse?: boolean;
}

export interface CodeTable {
  name: string;
  description?: string;
  entries: CodeEntry[];
}

export interface AgencyRecord {
  id: string;
  name: string;
  level: AgencyLevel;
  parent?: string;
  igateId?: string;
  systems: string[];
  validFrom?: string;
  validTo?: string;
  sample?: boolean;
}

export interface ProcedureDuration {
  value: number;
  unit: 'working_days' | 'calendar_days' | 'working_hours';
  skipHolidays?: boolean;
}

export interface ProcedureRecord {
  local: string;
  national: string;
  name: string;
  sector?: { code: string; name?: string };
  duration?: ProcedureDuration;
  igate?: { id: string; processDefinitionId?: string };
  fees?: Array<{ name: string; amount: number; kind: 'fee' | 'charge'; code?: string }>;
}

/** Indexed lookups; every miss returns undefined so that a mapping decides what a miss means. */
export class ReferenceData {
  private readonly byNative = new Map<string, Map<string, string>>();
  private readonly byCanonical = new Map<string, Map<string, string>>();
  private readonly labels = new Map<string, Map<string, string>>();
  private readonly agencies = new Map<string, AgencyRecord>();
  private readonly agenciesByIgate = new Map<string, AgencyRecord>();
  private readonly agenciesByName = new Map<string, AgencyRecord>();
  private readonly procedures = new Map<string, ProcedureRecord>();
  private readonly proceduresByNational = new Map<string, ProcedureRecord>();
  private readonly proceduresByIgate = new Map<string, ProcedureRecord>();

  constructor(
    readonly tables: ReadonlyMap<string, CodeTable>,
    agencyList: AgencyRecord[],
    procedureList: ProcedureRecord[],
  ) {
    for (const table of tables.values()) {
      const forward = new Map<string, string>();
      const backward = new Map<string, string>();
      for (const e of table.entries) {
        forward.set(e.native, e.canonical);
        // The first native wins unless another row is marked `reverse`.
        if (e.reverse || !backward.has(e.canonical)) backward.set(e.canonical, e.native);
      }
      const labels = new Map<string, string>();
      for (const e of table.entries) {
        if (e.label !== undefined && backward.get(e.canonical) === e.native) labels.set(e.canonical, e.label);
      }
      this.labels.set(table.name, labels);
      this.byNative.set(table.name, forward);
      this.byCanonical.set(table.name, backward);
    }
    for (const a of agencyList) {
      this.agencies.set(a.id, a);
      if (a.igateId) this.agenciesByIgate.set(a.igateId, a);
      if (!this.agenciesByName.has(nameKey(a.name))) this.agenciesByName.set(nameKey(a.name), a);
    }
    for (const p of procedureList) {
      this.procedures.set(p.local, p);
      // Several local codes map to one national code; the first listed describes it.
      if (!this.proceduresByNational.has(p.national)) this.proceduresByNational.set(p.national, p);
      if (p.igate) this.proceduresByIgate.set(p.igate.id, p);
    }
  }

  /** Canonical value of a native code; undefined when the table or the code is unknown. */
  code(table: string, native: unknown): string | undefined {
    if (native === undefined || native === null) return undefined;
    return this.byNative.get(table)?.get(String(native));
  }

  /** Native code of a canonical value. */
  reverse(table: string, canonical: unknown): string | undefined {
    if (canonical === undefined || canonical === null) return undefined;
    return this.byCanonical.get(table)?.get(String(canonical));
  }

  /** Label of the native code written for a canonical value (e.g. the Vietnamese status name). */
  label(table: string, canonical: unknown): string | undefined {
    if (canonical === undefined || canonical === null) return undefined;
    return this.labels.get(table)?.get(String(canonical));
  }

  agency(id: string | undefined): AgencyRecord | undefined {
    return id === undefined ? undefined : this.agencies.get(id);
  }

  agencyByIgateId(id: string | undefined): AgencyRecord | undefined {
    return id === undefined ? undefined : this.agenciesByIgate.get(id);
  }

  /** By exact name, for partners that send an agency's name only (DVCQG DonViXuLy). */
  agencyByName(name: string | undefined): AgencyRecord | undefined {
    return name === undefined ? undefined : this.agenciesByName.get(nameKey(name));
  }

  allAgencies(): AgencyRecord[] {
    return [...this.agencies.values()];
  }

  /** By local code, then national code, then the code itself read as national (already national). */
  procedure(code: string | undefined): ProcedureRecord | undefined {
    if (code === undefined) return undefined;
    return this.procedures.get(code) ?? this.proceduresByNational.get(code);
  }

  /** The national procedure codes of the map, for partners that refuse unknown codes (the portal). */
  nationalCodes(): ReadonlySet<string> {
    return new Set(this.proceduresByNational.keys());
  }

  procedureByIgateId(id: string | undefined): ProcedureRecord | undefined {
    return id === undefined ? undefined : this.proceduresByIgate.get(id);
  }

  allProcedures(): ProcedureRecord[] {
    return [...this.procedures.values()];
  }
}

/** Names compare after Unicode NFC (composed and decomposed Vietnamese look alike), trimmed, lower case. */
function nameKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

/**
 * The national code of a local procedure code: the map first, then the spec §6.3 shape (a national code is
 * `d.dddddd`; local codes append the agency scope), so an unmapped local code still reaches the portal.
 */
export function nationalProcedureCode(ref: ReferenceData, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const mapped = ref.procedure(code)?.national;
  if (mapped) return mapped;
  const m = /^(\d\.\d{6})(?:\.|$)/.exec(code);
  return m ? m[1] : undefined;
}
