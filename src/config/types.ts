import type { RetryPolicy } from '../adapter/contract';
import type { ApiKey, Role } from '../http/deps';

/**
 * The effective gateway configuration: the YAML file (or the sandbox) after `${ENV}` interpolation,
 * validation, defaults and environment overrides. Every option below has a default except where noted.
 */
export interface GatewayConfig {
  /**
   * True when no configuration file exists: every system points at its in-process simulator.
   * @defaultValue false
   */
  sandbox: boolean;
  gateway: GatewaySection;
  http: HttpSection;
  auth: AuthSection;
  delivery: DeliverySection;
  mappings: MappingsSection;
  /** The edge's trust store: anchors, chain-building CAs, revocation lists. @defaultValue the shipped `trust/` */
  trust?: TrustSection;
  /** One block per external system; the key is the adapter name. @defaultValue `{}` */
  systems: Record<string, SystemConfig>;
  /** `DATABASE_URL`; absent = embedded PGlite under `gateway.dataDir`. Environment only. */
  databaseUrl?: string;
  /** `REDIS_URL`; absent = local Redis detection (see `src/redis`). Environment only. */
  redisUrl?: string;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface GatewaySection {
  /** Where the embedded database, blobs and a managed Redis live. `LIENTHONG_DATA_DIR` overrides it. @defaultValue './data' */
  dataDir: string;
  /** `LOG_LEVEL` overrides it. @defaultValue 'info' */
  logLevel: LogLevel;
  /** Upper bound on a graceful stop after SIGTERM before in-flight work is abandoned. @defaultValue 15000 */
  shutdownTimeoutMs: number;
  /** Names this process in leases and logs; unique per process. @defaultValue `<hostname>-<pid>` */
  instanceId: string;
}

export interface MappingsSection {
  /** Folder of mapping files, code tables, registry, procedure map and calendar. @defaultValue the shipped `mappings/` */
  dir?: string;
  /** Office hours in Asia/Ho_Chi_Minh for deadline counting. @defaultValue 07:00–11:30 and 13:30–17:00 */
  officeHours?: Array<{ start: string; end: string }>;
}

export interface TrustSection {
  /** Folder of trusted root certificates (PEM or DER). @defaultValue the shipped `trust/roots` */
  anchorsDir?: string;
  /** Folder of CA certificates used only to build chains. @defaultValue the shipped `trust/intermediates` */
  intermediatesDir?: string;
  /** Certificate revocation lists, from files or URLs; URLs are fetched and cached until their nextUpdate. */
  crls?: Array<{ file?: string; url?: string }>;
  /**
   * What a certificate without a usable CRL gets: `require` refuses it, `if-available` checks the CRLs
   * that exist, `off` checks none. @defaultValue 'if-available'
   */
  revocation?: 'require' | 'if-available' | 'off';
  /** How long a fetched CRL is kept when it names no nextUpdate. @defaultValue 3600000 (1 h) */
  crlCacheMs?: number;
}

export interface HttpSection {
  /** `PORT` overrides it. @defaultValue 8080 */
  port: number;
  /** @defaultValue '0.0.0.0' */
  host: string;
  /** Largest accepted request body, as bytes or a size such as `10mb`. @defaultValue '10mb' */
  bodyLimit: string | number;
}

export interface AuthSection {
  /** Role granted to requests without an API key; absent = anonymous requests are refused. */
  anonymousRole?: Role;
  /** @defaultValue [] */
  apiKeys: ApiKey[];
}

export interface DeliverySection {
  /** BullMQ key prefix; use a `{hash-tag}` such as `{lt}` on Redis Cluster. @defaultValue 'lt' */
  queuePrefix: string;
  /** Workers per target queue per process. @defaultValue 8 */
  concurrency: number;
  /** How often the outbox relay looks for rows to enqueue. @defaultValue 1000 */
  sweepIntervalMs: number;
  /** An enqueued outbox row not confirmed after this long is enqueued again. @defaultValue 30000 */
  staleAfterMs: number;
  /** Safety margin kept between a lease's expiry and the work it covers. @defaultValue 5000 */
  leaseMarginMs: number;
  /** BullMQ job lock duration. @defaultValue 30000 */
  lockDurationMs: number;
  /** Default retry policy of every system; `systems.<name>.retry` overrides parts of it. */
  policy: RetryPolicy;
}

/** A partial retry policy, deep-merged over `delivery.policy`. */
export interface RetryPolicyOverride {
  attempts?: number;
  backoff?: Partial<RetryPolicy['backoff']>;
  timeoutMs?: number;
  circuitBreaker?: Partial<RetryPolicy['circuitBreaker']>;
}

/**
 * The common keys of `systems.<name>`. Any other key (credentials, headers, …) belongs to the adapter and is
 * validated by `validateSystemConfig` against the adapter's own schema.
 */
export interface SystemConfig {
  /** @defaultValue true */
  enabled: boolean;
  /** The partner's base URL (http or https). */
  baseUrl?: string;
  /** CloudEvents type globs this system receives. @defaultValue ['vn.lienthong.dossier.*'] */
  subscribe: string[];
  /** Agency codes this system serves; absent = all. */
  agencies?: string[];
  /** Partial override of `delivery.policy`. */
  retry?: RetryPolicyOverride;
  [adapterKey: string]: unknown;
}

/** A JSON Schema object, as adapters declare theirs. */
export type JsonSchema = Record<string, unknown>;

export interface LoadConfigOptions {
  /** Configuration file; defaults to `LIENTHONG_CONFIG`, then `./lienthong.yaml`. */
  path?: string;
  /** Environment used for interpolation and overrides. @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
  /** Working directory against which relative paths are resolved. @defaultValue process.cwd() */
  cwd?: string;
  /**
   * Adapter config schemas by system name. When given, each `systems.<name>` block is validated at once
   * (unknown systems and adapter keys are reported with the other problems).
   */
  adapterSchemas?: Record<string, JsonSchema>;
}
