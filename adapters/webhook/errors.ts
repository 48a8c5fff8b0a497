import { LtError } from '../../src/errors';
import { classifyHttpError } from '../../src/adapter/http-errors';

/**
 * Webhook failures: the shared HTTP rules (4xx permanent, 429/5xx/network retry) plus 410 Gone, which
 * receivers (Stripe, Svix, GitHub conventions) use to say "stop sending here": retrying cannot help, an
 * operator must change or disable the target, so the detail says exactly that.
 */
export function classifyWebhookError(err: unknown): LtError {
  const classified = classifyHttpError(err, 'WEBHOOK');
  if (classified.details?.httpStatus === 410) {
    return new LtError(
      'LT_WEBHOOK_GONE',
      'permanent',
      'webhook: HTTP 410 Gone: the receiver retired this endpoint; update systems.webhook.baseUrl/path or disable the target, then replay the dead letters',
      { cause: err, details: classified.details },
    );
  }
  return classified;
}
