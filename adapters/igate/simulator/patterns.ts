import { createHash } from 'node:crypto';
import type { IgateReference, SimAgency, SimProcedure } from './reference';
import { localYyMMdd } from './wire';

/** A code pattern (`/bd/config/get-pattern`): one per agency and procedure. */
export interface CodePattern {
  id: string;
  agency: SimAgency;
  procedure: SimProcedure;
}

/** Why a code offered at create is refused, or undefined when it may be used. */
export type CodeRefusal = 'not_allocated' | 'used' | 'other_agency';

/**
 * iGate's dossier-code service. A client first asks for the pattern of an agency and procedure, then for the
 * next value of that pattern, and creates the dossier with that value as `code`:
 * `<agency code>-<yyMMdd>-<4-digit sequence>` (spec §6.2), the sequence counting per agency per local day
 * (Asia/Ho_Chi_Minh). Codes are remembered so that create can refuse invented or reused ones.
 */
export class PatternService {
  private readonly sequences = new Map<string, number>();
  private readonly allocated = new Map<string, { agencyId: string; procedureId: string; used: boolean }>();

  /**
   * @param firstSequence where each agency's daily sequence starts (0: at 0001). A simulator restarted the
   * same day against a kept database must not hand out the codes of dossiers that database already holds.
   */
  constructor(
    private readonly ref: IgateReference,
    private readonly firstSequence = 0,
  ) {}

  /** The pattern of an agency and procedure (by iGate ids), or undefined when either is unknown. */
  patternFor(agencyIgateId: string, procedureIgateId: string): CodePattern | undefined {
    const agency = this.ref.agencyByIgateId(agencyIgateId);
    const procedure = this.ref.procedureByIgateId(procedureIgateId);
    if (!agency || !procedure) return undefined;
    return { id: patternId(agency.igateId, procedure.igate.id), agency, procedure };
  }

  /** The pattern of a known agency and procedure (the trickle's own allocations). */
  of(agency: SimAgency, procedure: SimProcedure): CodePattern {
    return { id: patternId(agency.igateId, procedure.igate.id), agency, procedure };
  }

  /** A pattern by its id; ids are derived from the pair, so any pair's id resolves without prior lookup. */
  byId(id: string): CodePattern | undefined {
    for (const agency of this.ref.agencies) {
      for (const procedure of this.ref.procedures) {
        if (patternId(agency.igateId, procedure.igate.id) === id) return { id, agency, procedure };
      }
    }
    return undefined;
  }

  /** Allocates the next code of a pattern at `nowMs`. */
  nextValue(pattern: CodePattern, nowMs: number): string {
    const day = localYyMMdd(nowMs);
    const key = `${pattern.agency.id}|${day}`;
    let seq = this.sequences.get(key) ?? this.firstSequence;
    let code: string;
    // Skip values a test already placed with upsertDossier: a code is never handed out twice.
    do {
      seq += 1;
      code = `${pattern.agency.id}-${day}-${String(seq).padStart(4, '0')}`;
    } while (this.allocated.has(code));
    this.sequences.set(key, seq);
    this.allocated.set(code, {
      agencyId: pattern.agency.igateId,
      procedureId: pattern.procedure.igate.id,
      used: false,
    });
    return code;
  }

  /** Whether a dossier of this agency may be created with `code`. */
  check(code: string, agencyIgateId: string): CodeRefusal | undefined {
    const entry = this.allocated.get(code);
    if (!entry) return 'not_allocated';
    if (entry.used) return 'used';
    if (entry.agencyId !== agencyIgateId) return 'other_agency';
    return undefined;
  }

  /** Marks a code as taken by a dossier (create, trickle, or a dossier upserted for a test). */
  markUsed(code: string): void {
    const entry = this.allocated.get(code);
    if (entry) entry.used = true;
    else this.allocated.set(code, { agencyId: '', procedureId: '', used: true });
  }

  reset(): void {
    this.sequences.clear();
    this.allocated.clear();
  }

  get allocatedCount(): number {
    return this.allocated.size;
  }
}

/** The pattern id of an agency and procedure: derived, so that it is stable across runs and resets. */
export function patternId(agencyIgateId: string, procedureIgateId: string): string {
  return createHash('sha1').update(`pattern:${agencyIgateId}:${procedureIgateId}`).digest('hex').slice(0, 24);
}
