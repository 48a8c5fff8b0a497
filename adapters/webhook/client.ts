import type { Logger } from 'pino';
import type {
  Adapter,
  AdapterError,
  AdapterFactory,
  DeliveryResult,
  WireRecord,
} from '../../src/adapter/contract';
import { createPartnerHttp, joinUrl } from '../../src/adapter/http-client';
import { createSubscriptionMatcher } from '../../src/adapter/subscribe';
import { LtError } from '../../src/errors';
import { RESERVED_HEADERS, webhookConfigSchema } from './config';
import type { WebhookConfig } from './config';
import { classifyWebhookError } from './errors';
import { SIGNATURE_HEADER, signWebhookBody } from './signature';

/**
 * The webhook target: POSTs each outbound CloudEvents envelope, as JSON, to one configured URL.
 * Transport only: what to send was decided upstream; this file signs, sends and classifies.
 */

export const WEBHOOK_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/** A receiver's answer is evidence, not data we need in full; a larger one fails the attempt. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

export type WebhookAdapterConfig = WebhookConfig & { baseUrl: string; subscribe: string[] };

export function createWebhookAdapter(config: WebhookAdapterConfig, deps: { logger: Logger }): Adapter {
  const url = targetUrl(config.baseUrl, config.path);
  const staticHeaders = checkStaticHeaders(config.headers ?? {});
  const subscribes = createSubscriptionMatcher(config.subscribe);
  const partner = createPartnerHttp({ maxResponseBytes: MAX_RESPONSE_BYTES });
  deps.logger.debug(
    { target: 'webhook', origin: new URL(url).origin, signed: config.secret !== undefined },
    'webhook target ready',
  );

  return {
    name: 'webhook',
    subscribes,

    async deliver(message, ctx): Promise<DeliveryResult> {
      const json = JSON.stringify(message.payload);
      if (json === undefined) {
        throw new LtError(
          'LT_WEBHOOK_INVALID_PAYLOAD',
          'permanent',
          `message ${message.messageId} has no payload to send`,
        );
      }
      const body = Buffer.from(json, 'utf8');
      const wire: WireRecord = { method: 'POST', url, contentType: WEBHOOK_CONTENT_TYPE, body };
      const headers: Record<string, string> = {
        ...staticHeaders,
        'Content-Type': WEBHOOK_CONTENT_TYPE,
        'Idempotency-Key': message.messageId,
        'X-LienThong-Message-Id': message.messageId,
        // Percent-encoded so that any dossier code is a legal header value; plain codes are unchanged.
        'X-LienThong-Dossier': encodeURIComponent(message.dossierCode),
        'X-LienThong-Seq': String(message.seq),
        'X-LienThong-Attempt': String(message.attempt),
      };
      if (config.secret !== undefined) headers[SIGNATURE_HEADER] = signWebhookBody(config.secret, body);
      const started = Date.now();
      try {
        const res = await partner.http.post<Buffer>(url, body, {
          headers,
          timeout: ctx.timeoutMs,
          signal: ctx.signal,
        });
        const contentType = res.headers['content-type'];
        ctx.logger.debug(
          { messageId: message.messageId, status: res.status, ms: Date.now() - started },
          'webhook delivered',
        );
        return {
          status: res.status,
          request: wire,
          response: {
            contentType: typeof contentType === 'string' ? contentType : undefined,
            body: res.data,
          },
        };
      } catch (err) {
        const failure: AdapterError = classifyWebhookError(err);
        failure.wire = wire;
        throw failure;
      }
    },

    async close() {
      partner.close();
    },
  };
}

export const webhookAdapterFactory: AdapterFactory<WebhookConfig> = {
  name: 'webhook',
  configSchema: webhookConfigSchema,
  create(config: WebhookConfig & { subscribe: string[]; baseUrl?: string }, deps) {
    if (typeof config.baseUrl !== 'string' || config.baseUrl === '') {
      throw configError(
        'systems.webhook.baseUrl: required (the receiver URL, e.g. https://warehouse.example.gov.vn)',
      );
    }
    return createWebhookAdapter({ ...config, baseUrl: config.baseUrl }, deps);
  },
};

/** `baseUrl` + `path`, with exactly one slash between them; refuses anything but http(s). */
export function targetUrl(baseUrl: string, suffix = ''): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw configError(`systems.webhook.baseUrl: "${baseUrl}" is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw configError(
      `systems.webhook.baseUrl: only http and https URLs are supported, got ${parsed.protocol}`,
    );
  }
  return joinUrl(baseUrl, suffix);
}

function checkStaticHeaders(headers: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(headers)) {
    if (RESERVED_HEADERS.includes(name.toLowerCase())) {
      throw configError(
        `systems.webhook.headers.${name}: set by the gateway itself and cannot be overridden`,
      );
    }
  }
  return { ...headers };
}

function configError(detail: string): LtError {
  return new LtError('LT_CONFIG_INVALID', 'validation', detail);
}
