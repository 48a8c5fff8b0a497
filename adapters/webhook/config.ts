/**
 * The webhook target's own keys in `systems.webhook` (the common `enabled`, `baseUrl`, `subscribe`,
 * `agencies` and `retry` keys are validated by the configuration module). Example:
 *
 * ```yaml
 * systems:
 *   webhook:
 *     enabled: true
 *     baseUrl: https://warehouse.example.gov.vn
 *     path: /hooks/lienthong
 *     subscribe: ['vn.lienthong.dossier.*']
 *     secret: ${WEBHOOK_SECRET}
 *     headers: { X-Tenant: h48 }
 * ```
 */
export interface WebhookConfig {
  /**
   * Shared secret for the `X-LienThong-Signature` HMAC-SHA256 header (see `signature.ts`). When unset,
   * requests are not signed. At least 16 characters.
   */
  secret?: string;
  /** Extra static headers sent with every request (e.g. an API key the receiver expects). */
  headers?: Record<string, string>;
  /** Suffix appended to `baseUrl`, e.g. `/hooks/lienthong`. @defaultValue '' */
  path?: string;
}

/** Header names the gateway sets itself; a static header may not override them. */
export const RESERVED_HEADERS: readonly string[] = [
  'content-type',
  'content-length',
  'host',
  'idempotency-key',
  'user-agent',
  'x-lienthong-message-id',
  'x-lienthong-dossier',
  'x-lienthong-seq',
  'x-lienthong-attempt',
  'x-lienthong-signature',
];

/** JSON Schema (draft 2020-12 subset understood by Ajv) of {@link WebhookConfig}. */
export const webhookConfigSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    secret: {
      type: 'string',
      minLength: 16,
      writeOnly: true,
      description: 'HMAC-SHA256 signing secret; a secret, redacted from logs. Use ${ENV} interpolation.',
    },
    headers: {
      type: 'object',
      // RFC 9110 token characters for names; values must not smuggle a line break into the request.
      propertyNames: { pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" },
      additionalProperties: { type: 'string', pattern: '^[^\\r\\n]*$' },
      description: 'Extra static headers sent with every request.',
    },
    path: {
      type: 'string',
      pattern: '^[^\\s#]*$',
      description: 'Suffix appended to baseUrl, e.g. /hooks/lienthong.',
    },
  },
};
