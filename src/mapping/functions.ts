import { pickVietnamese } from './names';
import type { ReferenceData } from './reference';
import { nationalProcedureCode } from './reference';
import { fromLocalCompact, toIgateTime, toIsoUtc, toLocalCompact } from '../time';

/**
 * The functions a mapping expression may call besides JSONata's own. Each is pure and total: a miss
 * gives undefined (the field is left out), so that the schema check after the mapping names what is
 * missing instead of a function throwing half-way through a record.
 */
export function mappingFunctions(ref: ReferenceData): Record<string, (...args: never[]) => unknown> {
  return {
    /** `$code('table', native)`: canonical value of a native code. */
    code: (table: string, value: unknown) => ref.code(table, value),
    /** `$reverse('table', canonical)`: the native code to write. */
    reverse: (table: string, value: unknown) => ref.reverse(table, value),
    /** `$label('table', canonical)`: the label of the code written for it. */
    label: (table: string, value: unknown) => ref.label(table, value),
    /** `$national(localCode)`: national procedure code (map, then the §6.3 shape). */
    national: (code: string | undefined) => nationalProcedureCode(ref, code),
    /** `$procedure(code)`: the procedure-map record of a local or national code. */
    procedure: (code: string | undefined) => ref.procedure(code),
    procedureByIgateId: (id: string | undefined) => ref.procedureByIgateId(id),
    /** `$agency(id)`: the agency registry record. */
    agency: (id: string | undefined) => ref.agency(id),
    agencyByIgateId: (id: string | undefined) => ref.agencyByIgateId(id),
    /** `$agencyByName(name)`: the registry record with exactly this name. */
    agencyByName: (name: string | undefined) => ref.agencyByName(name),
    /** `$agencyLevel(id)`: the registry's level, else read from the code's shape (spec §6.1). */
    agencyLevel: (id: string | undefined) => ref.agency(id)?.level ?? levelFromCode(id),
    /** `$localTime(iso)`: `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh, "" for none. */
    localTime: (iso: string | undefined) => toLocalCompact(iso),
    /** `$fromLocalTime(s)`: ISO UTC of a `yyyyMMddHHmmss` local time. */
    fromLocalTime: (s: string | undefined) => fromLocalCompact(s),
    /** `$iso(value)`: ISO UTC of a partner ISO time (`+0000` accepted). */
    iso: (value: string | undefined) => toIsoUtc(value),
    /** `$igateTime(iso)`: `2022-09-21T02:15:00.000+0000`. */
    igateTime: (iso: string | undefined) => toIgateTime(iso),
    /** `$vi(names)`: the Vietnamese name (languageId 228) of a multilingual array, else the first. */
    vi: (names: unknown) => pickVietnamese(names),
    /** `$str(value)`: a string, "" for nothing (the national portal wants every field as a string). */
    str: (value: unknown) => (value === undefined || value === null ? '' : String(value)),
    /** `$blank(value)`: undefined for "" and null, so an empty wire field does not become a canonical value. */
    blank: (value: unknown) => (value === '' || value === null ? undefined : value),
  };
}

/**
 * QCVN 102 codes `V1V2V3.Z1Z2.Y1Y2.Hxx` fill from the right: `000.00.00.H48` is the province itself,
 * `000.00.53.H48` a level-2 unit (a district before 7/2025), `000.01.53.H48` a level-3 unit. `Gxx` codes are
 * central. A guess for agencies missing from the registry, so a dossier is not refused for it.
 */
function levelFromCode(id: string | undefined): string | undefined {
  const m = /^(\d{3})\.(\d{2})\.(\d{2})\.([GHK])\d{2}$/.exec(id ?? '');
  if (!m) return undefined;
  if (m[4] === 'G') return 'central';
  if (m[3] === '00') return 'province';
  return m[2] === '00' && m[1] === '000' ? 'district' : 'commune';
}
