import { LtError } from '../../errors';
import type {
  ChangeOptions,
  ChangeResponse,
  DossierApi,
  DossierListFilter,
  DossierSummary,
  DossierTimeline,
} from '../deps';

export interface DossierCall {
  method: 'list' | 'get' | 'create' | 'transition' | 'requestTransfer';
  args: unknown[];
}

/**
 * In-memory twin of the dossier service: enough behaviour (not found, duplicates, status moves) for the
 * edge to be exercised, and a call log to assert what the edge passed on.
 */
export class FakeDossiers implements DossierApi {
  readonly calls: DossierCall[] = [];
  readonly dossiers = new Map<string, Record<string, unknown>>();
  /** Set to make the next call fail with this error (once). */
  failNext?: unknown;
  /** Set to make create/transition report a service-side idempotent replay. */
  replayNext = false;
  nextCursor?: string;
  /** Idempotency keys with their first answer, kept as the real service keeps them (only on success). */
  readonly keys = new Map<string, { requestSha256: string; answer: ChangeResponse }>();
  private events = 0;
  private readonly appliedCount = { create: 0, transition: 0 };

  /** The stored answer for a key, or a refusal when the key came with another body. */
  private replay(options?: ChangeOptions): ChangeResponse | undefined {
    const idem = options?.idempotency;
    const row = idem && this.keys.get(`${idem.scope}\n${idem.key}`);
    if (!idem || !row) return undefined;
    if (row.requestSha256 !== idem.requestSha256) {
      throw new LtError(
        'LT_HTTP_IDEMPOTENCY_MISMATCH',
        'conflict',
        'this Idempotency-Key was already used with a different request body',
      );
    }
    return { ...(JSON.parse(JSON.stringify(row.answer)) as ChangeResponse), replayed: true };
  }

  private remember(options: ChangeOptions | undefined, answer: ChangeResponse): ChangeResponse {
    const idem = options?.idempotency;
    if (idem) this.keys.set(`${idem.scope}\n${idem.key}`, { requestSha256: idem.requestSha256, answer });
    return answer;
  }

  /** Changes actually applied (replays excluded). */
  applied(method: 'create' | 'transition'): number {
    return this.appliedCount[method];
  }

  private check(method: DossierCall['method'], args: unknown[]): void {
    this.calls.push({ method, args });
    const err = this.failNext;
    if (err !== undefined) {
      this.failNext = undefined;
      throw err;
    }
  }

  async list(filter: DossierListFilter): Promise<{ items: DossierSummary[]; nextCursor?: string }> {
    this.check('list', [filter]);
    const items = [...this.dossiers.values()]
      .filter((d) => filter.status === undefined || d.status === filter.status)
      .slice(0, filter.limit)
      .map((d) => ({
        code: String(d.code),
        status: String(d.status),
        version: 1,
        updatedAt: '2025-07-01T01:00:00.000Z',
      }));
    return this.nextCursor === undefined ? { items } : { items, nextCursor: this.nextCursor };
  }

  async get(code: string): Promise<DossierTimeline> {
    this.check('get', [code]);
    const dossier = this.dossiers.get(code);
    if (!dossier) throw new LtError('LT_DOSSIER_NOT_FOUND', 'not_found', `dossier ${code} not found`);
    return {
      dossier,
      events: [{ id: 'ev-1', type: 'vn.lienthong.dossier.created' }],
      inbound: [],
      outbound: [],
      deliveries: [],
    };
  }

  async create(input: unknown, actor: string, options?: ChangeOptions): Promise<ChangeResponse> {
    this.check('create', [input, actor, options]);
    const replayed = this.replay(options);
    if (replayed) return replayed;
    const doc = input as Record<string, unknown>;
    const code = String(doc.code ?? '');
    if (code === '')
      throw new LtError('LT_MODEL_INVALID_DOSSIER', 'validation', 'dossier is invalid: /code is required');
    if (this.dossiers.has(code) && !this.replayNext) {
      throw new LtError('LT_DOSSIER_EXISTS', 'conflict', `dossier ${code} already exists`);
    }
    this.dossiers.set(code, { ...doc });
    this.appliedCount.create += 1;
    return this.remember(options, this.answer(this.dossiers.get(code)!, 201));
  }

  async transition(
    code: string,
    input: unknown,
    actor: string,
    options?: ChangeOptions,
  ): Promise<ChangeResponse> {
    this.check('transition', [code, input, actor, options]);
    const replayed = this.replay(options);
    if (replayed) return replayed;
    const dossier = this.dossiers.get(code);
    if (!dossier) throw new LtError('LT_DOSSIER_NOT_FOUND', 'not_found', `dossier ${code} not found`);
    const to = (input as { to: string }).to;
    if (dossier.status === to) {
      throw new LtError('LT_MODEL_INVALID_TRANSITION', 'conflict', `cannot move from ${to} to ${to}`);
    }
    dossier.status = to;
    this.appliedCount.transition += 1;
    return this.remember(options, this.answer(dossier, 200));
  }

  async requestTransfer(
    code: string,
    input: unknown,
    actor: string,
    options?: ChangeOptions,
  ): Promise<ChangeResponse> {
    this.check('requestTransfer', [code, input, actor, options]);
    const replayed = this.replay(options);
    if (replayed) return replayed;
    const dossier = this.dossiers.get(code);
    if (!dossier) throw new LtError('LT_DOSSIER_NOT_FOUND', 'not_found', `dossier ${code} not found`);
    const transfers = (dossier.transfers as unknown[] | undefined) ?? [];
    dossier.transfers = [...transfers, { ...(input as object), status: 'sent' }];
    return this.remember(options, this.answer(dossier, 200));
  }

  private answer(dossier: Record<string, unknown>, status: number): ChangeResponse {
    const replayed = this.replayNext;
    this.replayNext = false;
    this.events += 1;
    return {
      dossier: { ...dossier },
      eventId: `ev-${this.events}`,
      status,
      ...(replayed ? { replayed } : {}),
    };
  }

  count(method: DossierCall['method']): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}
