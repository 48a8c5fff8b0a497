import { SAMPLE_LIFE } from '../../../bench/support';
import { randomUUID } from 'node:crypto';
import { OPERATOR_KEY } from './gateway-process';

/** Created as registered, then the nine moves of SAMPLE_LIFE. */
export const EVENTS_PER_DOSSIER = SAMPLE_LIFE.length + 1;

export function dossierCode(i: number, run: string): string {
  return `000.00.53.H48-${run}-${String(i).padStart(4, '0')}`;
}

export function newDossier(code: string): Record<string, unknown> {
  return {
    code,
    status: 'registered',
    procedure: { nationalCode: '1.001612' },
    agency: { id: '000.00.53.H48', level: 'district' },
    applicant: { kind: 'citizen', name: 'Nguyễn Văn A', identity: { kind: 'cccd', number: '001099000001' } },
    channel: 'online',
    times: { submittedAt: new Date().toISOString() },
    resultReturn: { method: 'counter' },
  };
}

interface Step {
  path: string;
  body: unknown;
}

export function stepsFor(code: string): Step[] {
  const path = `/api/v1/dossiers/${encodeURIComponent(code)}/transitions`;
  return [
    { path: '/api/v1/dossiers', body: newDossier(code) },
    ...SAMPLE_LIFE.map((to) => ({ path, body: { to } })),
  ];
}

/**
 * Posts one step with an Idempotency-Key, retrying on network errors or 5xx against the next gateway
 * in the list: a gateway killed mid-request may or may not have committed, and the key makes the retry
 * safe either way.
 */
export async function postStep(gateways: () => string[], start: number, step: Step): Promise<void> {
  const key = randomUUID();
  let lastError = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    const list = gateways();
    const base = list[(start + attempt) % list.length];
    try {
      const res = await fetch(`${base}${step.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': OPERATOR_KEY, 'idempotency-key': key },
        body: JSON.stringify(step.body),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) return;
      lastError = `${res.status} ${await res.text()}`;
      if (res.status < 500) throw new Error(`step refused: ${lastError}`);
    } catch (err) {
      if ((err as Error).message.startsWith('step refused')) throw err;
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100 + attempt * 50));
  }
  throw new Error(`step ${step.path} never succeeded: ${lastError}`);
}

/** Drives `count` dossiers through their ten events, `parallel` dossiers at a time, each in order. */
export async function driveDossiers(gateways: () => string[], codes: string[], parallel = 16): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: parallel }, async (_, lane) => {
    while (next < codes.length) {
      const i = next++;
      for (const step of stepsFor(codes[i])) await postStep(gateways, lane + i, step);
    }
  });
  await Promise.all(lanes);
}

export interface Arrival {
  messageId: string;
  dossier: string;
  seq: number;
}

/**
 * Checks what the receiver saw, per dossier: the seq numbers 1..n in order, where a repeat may only be
 * an immediate duplicate of the same message. Returns a list of problems (empty = correct).
 */
export function orderProblems(arrivals: Arrival[], codes: string[], perDossier: number): string[] {
  const problems: string[] = [];
  const byDossier = new Map<string, Arrival[]>();
  for (const a of arrivals) byDossier.set(a.dossier, [...(byDossier.get(a.dossier) ?? []), a]);
  for (const code of codes) {
    const seen = byDossier.get(code) ?? [];
    const collapsed: Arrival[] = [];
    for (const a of seen) {
      const last = collapsed[collapsed.length - 1];
      if (last && last.messageId === a.messageId) continue;
      collapsed.push(a);
    }
    const seqs = collapsed.map((a) => a.seq);
    const expected = Array.from({ length: perDossier }, (_, k) => k + 1);
    if (seqs.join(',') !== expected.join(',')) problems.push(`${code}: received seq ${seqs.join(',')}`);
    if (new Set(collapsed.map((a) => a.messageId)).size !== collapsed.length) {
      problems.push(`${code}: a message came back after another one`);
    }
  }
  return problems;
}
