import type { Logger } from 'pino';
import { SANDBOX_EXCHANGE, SANDBOX_OPERATOR_KEY } from '../config/defaults';

/**
 * An official of the sandbox now and then transferring a dossier in processing to the province, through
 * the gateway's own API (`POST /api/v1/dossiers/{code}/transfers`), as an operator would.
 */
export function startTransfers(options: {
  url: string;
  to: { id: string; name: string };
  every: number;
  logger: Logger;
}): { stop(): void } {
  const headers = { 'X-API-Key': SANDBOX_OPERATOR_KEY, 'Content-Type': 'application/json' };
  const ours = new Set(SANDBOX_EXCHANGE.agencies);
  const tried = new Set<string>();
  const once = async () => {
    const list = (await (
      await fetch(`${options.url}/api/v1/dossiers?status=processing&limit=50`, { headers })
    ).json()) as {
      items?: Array<{ code: string }>;
    };
    for (const { code } of list.items ?? []) {
      if (tried.has(code)) continue;
      tried.add(code);
      const view = (await (
        await fetch(`${options.url}/api/v1/dossiers/${encodeURIComponent(code)}`, { headers })
      ).json()) as {
        dossier?: { agency: { id: string }; transfers: unknown[] };
      };
      if (!view.dossier || !ours.has(view.dossier.agency.id) || view.dossier.transfers.length > 0) continue;
      await fetch(`${options.url}/api/v1/dossiers/${encodeURIComponent(code)}/transfers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: options.to, reason: 'Chuyển tỉnh thẩm định (sandbox)' }),
      });
      return;
    }
  };
  const timer = setInterval(() => {
    once().catch((err: Error) => options.logger.debug({ err: err.message }, 'sandbox transfer failed'));
  }, options.every);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
