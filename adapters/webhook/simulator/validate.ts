import type { IncomingHttpHeaders } from 'node:http';
import { LtError } from '../../../src/errors';
import { validateEvent } from '../../../src/model';
import type { CloudEvent } from '../../../src/model';
import { verifyWebhookSignature } from '../signature';
import type { VerifyOptions } from '../signature';

/**
 * Strict checks of one webhook request, in the order a careful receiver applies them: media type, then
 * signature (nothing unauthenticated is parsed), then the gateway's headers, then the envelope against
 * the canonical event schema (`mappings/canonical/event.v1.schema.json`, dossier payload included).
 * Each refusal is an LtError whose kind gives the status (400 validation, 401 signature).
 */
export interface ValidDelivery {
  messageId: string;
  dossier: string;
  seq: number;
  attempt: number;
  envelope: CloudEvent;
}

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

function parseEnvelope(body: Buffer): CloudEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (err) {
    refuse('LT_WEBHOOK_SIM_BAD_JSON', `body is not UTF-8 JSON: ${(err as Error).message}`);
  }
  // The canonical schema, not a hand-written subset: what the gateway sends must be what it promises.
  return validateEvent(parsed);
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
