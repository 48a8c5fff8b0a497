import { startIgateSimulator } from '../server';
import type { RunningIgateSimulator, StartIgateOptions } from '../server';
import { TOKEN_PATH } from '../auth';

/** Helpers for the simulator's tests: a running simulator on a free loopback port, and plain fetch calls. */

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever came back
  headers: Headers;
}

const running: RunningIgateSimulator[] = [];

/** Starts a simulator; every one started is closed by {@link stopAll} (call it in afterEach). */
export async function start(options: StartIgateOptions = {}): Promise<RunningIgateSimulator> {
  const sim = await startIgateSimulator(options);
  running.push(sim);
  return sim;
}

export async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((s) => s.close()));
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML error pages stay text.
  }
  return { status: res.status, body, headers: res.headers };
}

/** POSTs a token request as a form. */
export async function tokenRequest(
  sim: RunningIgateSimulator,
  form: Record<string, string>,
): Promise<Answer> {
  const res = await fetch(`${sim.url}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return answer(res);
}

/** A fresh access token from the default client. */
export async function login(sim: RunningIgateSimulator): Promise<string> {
  const res = await tokenRequest(sim, {
    grant_type: 'client_credentials',
    client_id: 'lienthong',
    client_secret: 'sandbox-secret',
  });
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return res.body.access_token as string;
}

/** A request to the simulator; `token` undefined sends no Authorization header. */
export async function call(
  sim: RunningIgateSimulator,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  return answer(res);
}

/** Allocates a dossier code the way clients do: pattern of the agency and procedure, then its next value. */
export async function allocate(
  sim: RunningIgateSimulator,
  token: string,
  agencyId: string,
  procedure: { id: string; code: string },
): Promise<string> {
  const pattern = await call(
    sim,
    'GET',
    `/bd/config/get-pattern?agency-id=${agencyId}&procedure-id=${procedure.id}`,
    {
      token,
    },
  );
  const next = await call(
    sim,
    'GET',
    `/bt/pattern/${pattern.body.id}/--get-next-value?code=${procedure.code}`,
    {
      token,
    },
  );
  return next.body.value as string;
}

/** iGate ids of the sample registry and procedure map (mappings/agencies, mappings/procedures) the tests use. */
export const BINH_HAI = '6716a2c1f5b1b47c066e2002';
export const BINH_SON = '6716a2c1f5b1b47c066e2001';
export const KHAI_SINH = { id: '6716a2c1f5b1b47c066e3001', code: '1.001193.000.00.00.H48' };
export const KET_HON = { id: '6716a2c1f5b1b47c066e3002', code: '1.000894.000.00.00.H48' };
