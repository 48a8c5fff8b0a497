import type { Command } from 'commander';
import { SANDBOX_OPERATOR_KEY } from '../config';

interface DemoOptions {
  url: string;
  key: string;
}

async function call(
  o: DemoOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${o.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': o.key },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => {
    throw new Error(`no gateway answering at ${o.url}: start one with \`npm start\`, or pass --url`);
  });
  const text = await res.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(
      `${method} ${path} answered ${res.status} with no JSON: is ${o.url} a LienThong gateway?`,
    );
  }
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${json.code}: ${json.detail}`);
  return json;
}

/** A sample dossier with obviously fake personal data. */
function sampleDossier(): Record<string, unknown> {
  const now = new Date();
  const ymd = now.toISOString().slice(2, 10).replace(/-/g, '');
  const seq = String(Math.floor(Math.random() * 9000) + 1000);
  return {
    code: `000.01.53.H48-${ymd}-${seq}`,
    status: 'received',
    procedure: {
      nationalCode: '1.001612',
      localCode: '1.001612.000.00.00.H48',
      name: 'Đăng ký thành lập hộ kinh doanh',
    },
    agency: { id: '000.01.53.H48', name: 'UBND xã Bình Sơn', level: 'commune' },
    applicant: { kind: 'citizen', name: 'Nguyễn Văn A', identity: { kind: 'cccd', number: '001099000001' } },
    channel: 'online',
    times: { receivedAt: now.toISOString() },
    resultReturn: { method: 'counter' },
  };
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'against a running gateway (the sandbox by default): create a dossier, move it along, show its deliveries',
    )
    .option('--url <url>', 'gateway base URL', `http://127.0.0.1:${process.env.PORT ?? 8080}`)
    .option('--key <key>', 'operator API key', process.env.LT_API_KEY ?? SANDBOX_OPERATOR_KEY)
    .action(async (o: DemoOptions) => {
      const dossier = sampleDossier();
      const code = dossier.code as string;
      await call(o, 'POST', '/api/v1/dossiers', dossier);
      console.log(`created ${code} (received)`);
      for (const to of ['processing', 'resolved', 'returned']) {
        await call(o, 'POST', `/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
          to,
          note: 'demo',
        });
        console.log(`  -> ${to}`);
      }
      const deadline = Date.now() + 15_000;
      let timeline: Record<string, unknown> = {};
      for (;;) {
        timeline = await call(o, 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}`);
        const deliveries = timeline.deliveries as Array<{ state: string }>;
        if (deliveries.every((d) => d.state === 'delivered') || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 300));
      }
      const deliveries = timeline.deliveries as Array<{
        target: string;
        seq: number;
        eventType: string;
        state: string;
        attempts: unknown[];
      }>;
      console.log(`events: ${(timeline.events as unknown[]).length}`);
      for (const d of deliveries) {
        console.log(
          `  delivery #${d.seq} ${d.eventType} -> ${d.target}: ${d.state} (${d.attempts.length} attempt(s))`,
        );
      }
      console.log(`see ${o.url}/api/v1/dossiers/${encodeURIComponent(code)}`);
      if (!deliveries.every((d) => d.state === 'delivered')) process.exitCode = 1;
    });
}
