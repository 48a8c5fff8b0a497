import { startDvcqgSimulator } from '../server';
import type { RunningDvcqgSimulator, StartDvcqgOptions } from '../server';

/** One HTTP answer, read whole; `json` is set when the body parses as JSON. */
export interface Answer {
  status: number;
  type: string;
  text: string;
  json: Record<string, unknown> | undefined;
}

export const AGENCY = '000.00.00.H48';

/** Where the tests that move the portal's clock by hand (session expiry, sync times) start it. */
export const PORTAL_TIME = Date.parse('2025-07-01T02:00:00Z');

/**
 * The simulated portal on a loopback port, with a small `fetch` client that sends what a careful
 * generation-1 client sends (dstcode, JSON) unless told otherwise. Tests start one each and close it.
 */
export class Portal {
  constructor(readonly running: RunningDvcqgSimulator) {}

  get simulator(): RunningDvcqgSimulator['simulator'] {
    return this.running.simulator;
  }

  /** POSTs `body` (a string is sent as is, anything else as JSON). */
  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async get(path: string): Promise<Answer> {
    return this.fetch(path, { method: 'GET' });
  }

  async login(username = 'lienthong', password = 'sandbox-password'): Promise<string> {
    const answer = await this.post('/login', { username, password });
    if (typeof answer.json?.session !== 'string') throw new Error(`login failed: ${answer.text}`);
    return answer.json.session;
  }

  /** A generation-1 business call with a proper envelope. */
  async call(session: string, service: string, params: Record<string, unknown> = {}): Promise<Answer> {
    return this.post('/service', { session, madonvi: AGENCY, service, ...params }, { dstcode: 'DVCQG' });
  }

  /** Creates (`False`) or updates (`True`) dossiers through DongBoHoSoMC. */
  async sync(session: string, data: unknown[], isUpdating: 'True' | 'False' = 'False'): Promise<Answer> {
    return this.call(session, 'DongBoHoSoMC', { isUpdating, data });
  }

  close(): Promise<void> {
    return this.running.close();
  }

  private async fetch(path: string, init: RequestInit): Promise<Answer> {
    const res = await fetch(`${this.running.url}${path}`, init);
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
  }
}

export async function startPortal(options: StartDvcqgOptions = {}): Promise<Portal> {
  return new Portal(await startDvcqgSimulator(options));
}
