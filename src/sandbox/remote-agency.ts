import fs from 'node:fs';
import type { Logger } from 'pino';
import { VxpClient } from '../../adapters/idesk/client';
import { buildStatus, parseEdxml, signEdxml } from '../../adapters/idesk/edxml';
import type { StatusCode } from '../../adapters/idesk/edxml';
import type { SandboxIdentity } from './pki';

/**
 * The province's iDesk in the sandbox: it takes the dossiers transferred to it from the axis, and answers
 * each with the status messages a real agency's document-management software sends over a few seconds
 * (01 arrived, 03 registered, 05 processing, 06 done), signed with its own sandbox certificate, so the
 * gateway's timeline and the national portal simulator show the other agency's work.
 */
export interface RemoteAgencyOptions {
  endpoint: string;
  systemId: string;
  secret: string;
  agency: { id: string; name: string };
  identity: SandboxIdentity;
  logger: Logger;
  /** @defaultValue 1000 */
  intervalMs?: number;
  /** Delay of each answer after the package was picked up. */
  steps?: Array<{ code: StatusCode; afterMs: number; description: string }>;
}

const STEPS: RemoteAgencyOptions['steps'] = [
  { code: '01', afterMs: 500, description: 'Đã đến' },
  { code: '03', afterMs: 3000, description: 'Đã tiếp nhận, vào sổ văn bản đến' },
  { code: '05', afterMs: 8000, description: 'Đang xử lý' },
  { code: '06', afterMs: 15000, description: 'Hoàn thành xử lý' },
];

export function startRemoteAgency(options: RemoteAgencyOptions): { stop(): void } {
  const client = new VxpClient({
    endpoint: options.endpoint,
    systemId: options.systemId,
    secret: options.secret,
  });
  const key = fs.readFileSync(options.identity.keyFile, 'utf8');
  const certificatePem = fs.readFileSync(options.identity.certificateFile, 'utf8');
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const later = (ms: number, work: () => Promise<void>) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped)
        work().catch((err: Error) => options.logger.debug({ err: err.message }, 'sandbox agency'));
    }, ms);
    t.unref();
    timers.add(t);
  };

  const answer = (sender: string, documentId: string, code: StatusCode, description: string) => async () => {
    const status = buildStatus({
      from: { organId: options.agency.id, organName: options.agency.name },
      responseFor: { organId: sender, documentId },
      statusCode: code,
      description,
      timestamp: new Date().toISOString(),
    });
    const xml = signEdxml(status, { privateKey: key, certificatePem });
    await client.sendEdoc(xml, { from: options.agency.id, to: [sender], messagetype: 'status' });
  };

  const pass = async () => {
    for (const messagetype of ['edoc', 'status'] as const) {
      const { items } = await client.getReceivedEdocList({ messagetype });
      for (const item of items) {
        const { edxml } = await client.getEdoc(item.docId);
        const parsed = (() => {
          try {
            return parseEdxml(edxml);
          } catch {
            return undefined;
          }
        })();
        if (parsed?.kind === 'edoc') {
          const { from, documentId } = parsed.edoc.header;
          for (const step of options.steps ?? STEPS ?? [])
            later(step.afterMs, answer(from.organId, documentId, step.code, step.description));
        }
        await client.updateStatus(item.docId, parsed ? 'done' : 'fail');
      }
    }
  };
  const loop = () =>
    later(options.intervalMs ?? 1000, async () => {
      await pass().catch((err: Error) => options.logger.debug({ err: err.message }, 'sandbox agency poll'));
      loop();
    });
  loop();
  return {
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      client.close();
    },
  };
}
