import type { IncomingHttpHeaders } from 'node:http';
import { LtError } from '../../../src/errors';
import { verifyWebhookSignature } from '../signature';
import type { VerifyOptions } from '../signature';

/**
 * Strict checks of one webhook request, in the order a careful receiver applies them: media type, then
 * signature (nothing unauthenticated is parsed), then the gateway's headers, then the CloudEvents
 * envelope. Each refusal is an LtError whose kind gives the status (400 validation, 401 signature).
 */
export interface ValidDelivery {
  messageId: string;
  dossier: string;
  seq: number;
  attempt: number;
  envelope: { id: string; source: string; type: string; time: string; subject: string; data: object };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function validateDelivery(
  headers: IncomingHttpHeaders,
  body: Buffer,
  secrets: readonly string[],
  verify: VerifyOptions = {},
): ValidDelivery {
  checkContentType(headers['content-type']);
  if (secrets.length > 0)
    verifyWebhookSignature(single(headers['x-lienthong-signature']), body, secrets, verify);

  const key = single(headers['idempotency-key']);
  if (!key) refuse('LT_WEBHOOK_SIM_IDEMPOTENCY_KEY', 'Idempotency-Key header is required');
  const messageId = single(headers['x-lienthong-message-id']);
  if (messageId !== key)
    refuse('LT_WEBHOOK_SIM_MESSAGE_ID', 'X-LienThong-Message-Id must equal Idempotency-Key');
  const seq = positiveInt(headers['x-lienthong-seq'], 'X-LienThong-Seq');
  const attempt = positiveInt(headers['x-lienthong-attempt'], 'X-LienThong-Attempt');
  const dossier = decodeDossier(single(headers['x-lienthong-dossier']));

  const envelope = parseEnvelope(body);
  if (envelope.subject !== dossier) {
    refuse(
      'LT_WEBHOOK_SIM_DOSSIER',
      `X-LienThong-Dossier "${dossier}" differs from the envelope subject "${envelope.subject}"`,
    );
  }
  return { messageId: key, dossier, seq, attempt, envelope };
}

function checkContentType(value: string | undefined): void {
  const [type, ...params] = (value ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='));
  if (type !== 'application/cloudevents+json' || (charset !== undefined && charset !== 'charset=utf-8')) {
    refuse(
      'LT_WEBHOOK_SIM_CONTENT_TYPE',
      `Content-Type must be application/cloudevents+json (UTF-8), got "${value ?? ''}"`,
    );
  }
}

function parseEnvelope(body: Buffer): ValidDelivery['envelope'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (err) {
    refuse('LT_WEBHOOK_SIM_BAD_JSON', `body is not UTF-8 JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    refuse('LT_WEBHOOK_SIM_ENVELOPE', 'body must be one CloudEvents envelope (a JSON object)');
  }
  const e = parsed as Record<string, unknown>;
  if (e.specversion !== '1.0') refuse('LT_WEBHOOK_SIM_ENVELOPE', 'envelope.specversion must be "1.0"');
  for (const attr of ['id', 'source', 'type', 'subject'] as const) {
    if (typeof e[attr] !== 'string' || e[attr] === '')
      refuse('LT_WEBHOOK_SIM_ENVELOPE', `envelope.${attr} must be a non-empty string`);
  }
  if (typeof e.time !== 'string' || !RFC3339.test(e.time) || Number.isNaN(Date.parse(e.time))) {
    refuse('LT_WEBHOOK_SIM_ENVELOPE', 'envelope.time must be an RFC 3339 date-time');
  }
  if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) {
    refuse('LT_WEBHOOK_SIM_ENVELOPE', 'envelope.data must be an object (the dossier snapshot)');
  }
  return e as unknown as ValidDelivery['envelope'];
}

function decodeDossier(value: string | undefined): string {
  if (!value) refuse('LT_WEBHOOK_SIM_DOSSIER', 'X-LienThong-Dossier header is required');
  try {
    return decodeURIComponent(value);
  } catch {
    refuse('LT_WEBHOOK_SIM_DOSSIER', 'X-LienThong-Dossier is not valid percent-encoding');
  }
}

function positiveInt(value: string | string[] | undefined, name: string): number {
  const text = single(value);
  if (text === undefined || !/^[1-9]\d{0,9}$/.test(text))
    refuse('LT_WEBHOOK_SIM_HEADERS', `${name} must be a positive integer`);
  return Number(text);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function refuse(code: string, detail: string): never {
  throw new LtError(code, 'validation', detail);
}
