import { randomBytes } from 'node:crypto';
import type { DvcqgDossier, DvcqgProgress } from '../wire';

/** One accepted `DongBoHoSoMC` / gen2 create or update of a dossier. `at` is an ISO instant. */
export interface SyncRecord {
  at: string;
  isUpdating: boolean;
  /** `TrangThaiHoSo` as sent. */
  status: string;
}

/** What the portal holds about one dossier: the last object sent, every sync, and every progress entry. */
export interface StoredDossier {
  dossier: DvcqgDossier;
  syncs: SyncRecord[];
  progress: DvcqgProgress[];
}

/** Why a request was refused; counted in `GET /_sim/state`. */
export type RejectionReason =
  | 'credentials'
  | 'dstcode'
  | 'content_type'
  | 'bad_request'
  | 'session'
  | 'madonvi'
  | 'unknown_service'
  | 'invalid'
  | 'already_exists'
  | 'not_found'
  | 'not_synced'
  | 'too_many';

/** Answers made up by faults rather than by the portal's rules. */
export interface FaultCounts {
  outage: number;
  error: number;
  alreadyExists: number;
  /** The sender went away during `latencyMs`; nothing was processed. */
  abandoned: number;
}

/**
 * Everything the simulated portal knows, in memory. Sessions live `ttl` from login (fixed, not sliding:
 * the OCPS client caches a token and must cope with it dying under it).
 */
export class DvcqgSimulatorState {
  readonly dossiers = new Map<string, StoredDossier>();
  logins = 0;
  /** Requests by service name (a Map: names come from the client, `__proto__` included). */
  readonly requests = new Map<string, number>();
  readonly rejections: Partial<Record<RejectionReason, number>> = {};
  readonly faulted: FaultCounts = emptyFaults();
  private readonly sessions = new Map<string, number>();

  /** Opens a session valid until `now + ttlMs`; returns its token. */
  openSession(now: number, ttlMs: number): string {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, now + ttlMs);
    this.logins += 1;
    return token;
  }

  sessionValid(token: unknown, now: number): boolean {
    if (typeof token !== 'string') return false;
    const until = this.sessions.get(token);
    if (until !== undefined && until <= now) this.sessions.delete(token);
    return until !== undefined && until > now;
  }

  /** Ends every session at once (the portal restarted); returns how many there were. */
  expireSessions(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  count(service: string): void {
    this.requests.set(service, (this.requests.get(service) ?? 0) + 1);
  }

  reject(reason: RejectionReason): void {
    this.rejections[reason] = (this.rejections[reason] ?? 0) + 1;
  }

  has(code: string): boolean {
    return this.dossiers.has(code);
  }

  /** Stores dossiers (replacing the object, keeping the history); all-or-nothing is the caller's check. */
  store(dossiers: DvcqgDossier[], isUpdating: boolean, at: number): void {
    for (const dossier of dossiers) {
      const entry = this.dossiers.get(dossier.MaHoSo) ?? { dossier, syncs: [], progress: [] };
      entry.dossier = structuredClone(dossier);
      entry.syncs.push({ at: new Date(at).toISOString(), isUpdating, status: dossier.TrangThaiHoSo });
      this.dossiers.set(dossier.MaHoSo, entry);
    }
  }

  /** Appends progress entries in arrival order; every MaHoSo must have been stored. */
  appendProgress(entries: DvcqgProgress[]): void {
    for (const entry of entries) this.dossiers.get(entry.MaHoSo)?.progress.push(structuredClone(entry));
  }

  /** The counts served by `GET /_sim/state`. */
  summary(): Record<string, unknown> {
    let progress = 0;
    for (const d of this.dossiers.values()) progress += d.progress.length;
    return {
      logins: this.logins,
      sessions: this.sessions.size,
      dossiers: this.dossiers.size,
      progress,
      requests: Object.fromEntries(this.requests),
      rejections: { ...this.rejections },
      faulted: { ...this.faulted },
    };
  }

  /** Forgets dossiers and counts; sessions stay (use `expireSessions` to end them). */
  reset(): void {
    this.dossiers.clear();
    this.logins = 0;
    this.requests.clear();
    for (const key of Object.keys(this.rejections)) delete this.rejections[key as RejectionReason];
    Object.assign(this.faulted, emptyFaults());
  }
}

function emptyFaults(): FaultCounts {
  return { outage: 0, error: 0, alreadyExists: 0, abandoned: 0 };
}
