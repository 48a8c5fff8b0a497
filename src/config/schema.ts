/**
 * JSON Schema (2020-12) of the configuration file. `default` values are filled in by Ajv (`useDefaults`);
 * `writeOnly: true` marks a secret (redacted by `describeConfig`). Objects refuse unknown keys so that a
 * typo is reported instead of silently ignored, except a system block, whose extra keys belong to its adapter.
 */

const ms = (minimum: number, defaultValue?: number) =>
  defaultValue === undefined
    ? { type: 'integer', minimum }
    : { type: 'integer', minimum, default: defaultValue };

/** The retry policy; with defaults for `delivery.policy`, without for the partial `systems.<name>.retry`. */
function policySchema(withDefaults: boolean) {
  const d = <T>(value: T) => (withDefaults ? value : undefined);
  return {
    type: 'object',
    additionalProperties: false,
    ...(withDefaults ? { default: {} } : {}),
    properties: {
      attempts: { type: 'integer', minimum: 1, maximum: 1000, default: d(8) },
      backoff: {
        type: 'object',
        additionalProperties: false,
        default: d({}),
        properties: {
          initialMs: ms(0, d(1000)),
          maxMs: ms(0, d(300000)),
          factor: { type: 'number', minimum: 1, default: d(2) },
          jitter: { type: 'number', minimum: 0, maximum: 1, default: d(0.2) },
        },
      },
      timeoutMs: ms(1, d(10000)),
      circuitBreaker: {
        type: 'object',
        additionalProperties: false,
        default: d({}),
        properties: {
          failureThreshold: { type: 'integer', minimum: 1, default: d(5) },
          openMs: ms(0, d(30000)),
        },
      },
    },
  };
}

/** Removes `default: undefined` entries left by `policySchema(false)` (Ajv strict mode refuses them). */
function prune<T>(value: T): T {
  if (Array.isArray(value)) return value.map(prune) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = prune(v);
    return out as T;
  }
  return value;
}

export const RETRY_POLICY_SCHEMA = prune(policySchema(true));
export const RETRY_OVERRIDE_SCHEMA = prune(policySchema(false));

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

/** Keys every system block understands; anything else is the adapter's. */
export const SYSTEM_COMMON_KEYS = ['enabled', 'baseUrl', 'subscribe', 'agencies', 'retry'] as const;

export const SYSTEM_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  properties: {
    enabled: { type: 'boolean', default: true },
    baseUrl: { type: 'string', format: 'http-url' },
    subscribe: { ...stringList, default: ['vn.lienthong.dossier.*'] },
    agencies: { ...stringList, uniqueItems: true },
    retry: RETRY_OVERRIDE_SCHEMA,
  },
};

export const CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.dev/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    sandbox: { type: 'boolean', default: false },
    gateway: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        dataDir: { type: 'string', minLength: 1, default: './data' },
        logLevel: {
          enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
          default: 'info',
        },
        shutdownTimeoutMs: ms(0, 15000),
        instanceId: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    http: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        port: { type: 'integer', minimum: 0, maximum: 65535, default: 8080 },
        host: { type: 'string', minLength: 1, default: '0.0.0.0' },
        bodyLimit: {
          type: ['string', 'integer'],
          format: 'byte-size',
          minimum: 1,
          default: '10mb',
        },
      },
    },
    auth: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        anonymousRole: { enum: ['viewer', 'operator'] },
        apiKeys: {
          type: 'array',
          default: [],
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'key', 'role'],
            properties: {
              // 'anonymous' names callers without a key in logs and audit rows; a key may not take it.
              name: { type: 'string', minLength: 1, not: { const: 'anonymous' } },
              key: { type: 'string', minLength: 16, writeOnly: true },
              role: { enum: ['viewer', 'operator'] },
            },
          },
        },
      },
    },
    delivery: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        queuePrefix: { type: 'string', minLength: 1, maxLength: 64, default: 'lt' },
        concurrency: { type: 'integer', minimum: 1, maximum: 1000, default: 8 },
        sweepIntervalMs: ms(10, 1000),
        staleAfterMs: ms(1000, 30000),
        leaseMarginMs: ms(0, 5000),
        lockDurationMs: ms(1000, 30000),
        policy: RETRY_POLICY_SCHEMA,
      },
    },
    trust: {
      type: 'object',
      additionalProperties: false,
      properties: {
        anchorsDir: { type: 'string', minLength: 1 },
        intermediatesDir: { type: 'string', minLength: 1 },
        crls: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            maxProperties: 1,
            properties: {
              file: { type: 'string', minLength: 1 },
              url: { type: 'string', pattern: '^https?://' },
            },
          },
        },
        revocation: { enum: ['require', 'if-available', 'off'] },
        crlCacheMs: { type: 'integer', minimum: 1000 },
      },
    },
    mappings: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        dir: { type: 'string', minLength: 1 },
        officeHours: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['start', 'end'],
            properties: {
              start: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
              end: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
            },
          },
        },
      },
    },
    systems: {
      type: 'object',
      default: {},
      propertyNames: { pattern: '^[a-z][a-z0-9-]*$' },
      additionalProperties: SYSTEM_SCHEMA,
    },
  },
} as const;
