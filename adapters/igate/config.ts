import { pollSchema } from '../../src/adapter/config-fragments';

/**
 * iGate's own keys in `systems.igate`. Example:
 *
 * ```yaml
 * systems:
 *   igate:
 *     baseUrl: https://apiquangngai.vnptigate.vn
 *     ssoUrl: https://ssodvc.quangngai.gov.vn
 *     grant: client_credentials
 *     clientId: lienthong
 *     clientSecret: ${IGATE_CLIENT_SECRET}
 *     poll: { intervalMs: 30000, pageSize: 50, filters: { dossier-status: '2,3,4,5,8,9,10,11,16,17' } }
 * ```
 */
export interface IgateConfig {
  /** Keycloak base URL (realm `digo` lives under it). @defaultValue baseUrl */
  ssoUrl?: string;
  /** @defaultValue 'digo' */
  realm?: string;
  /** client_credentials for a service account; password for a user account (spec §5). @defaultValue 'client_credentials' */
  grant?: 'client_credentials' | 'password';
  clientId: string;
  /** Secret of a confidential client (client_credentials). */
  clientSecret?: string;
  /** password grant only. */
  username?: string;
  /** password grant only; a secret. */
  password?: string;
  /** Renew the token this long before it expires. @defaultValue 30000 */
  tokenRefreshMarginMs?: number;
  poll?: IgatePollConfig;
}

export interface IgatePollConfig {
  /** @defaultValue true */
  enabled?: boolean;
  /** Pause between two passes over the search. @defaultValue 30000 */
  intervalMs?: number;
  /** @defaultValue 50 */
  pageSize?: number;
  /** Extra query parameters of `/pa/dossier/search` (e.g. `dossier-status`, `ancestor-agency-id`). */
  filters?: Record<string, string>;
  /** Only dossiers accepted in the last N days (`accepted-from`); absent = no date filter. */
  acceptedWithinDays?: number;
  /** Time limit of one search request. @defaultValue 10000 */
  timeoutMs?: number;
}

export const igateConfigSchema: Record<string, unknown> = {
  type: 'object',
  required: ['clientId'],
  // The grant decides the credentials (checked by `lienthong config check` too, not only at start).
  allOf: [
    {
      if: { properties: { grant: { const: 'password' } }, required: ['grant'] },
      // `properties` repeated so Ajv's strict mode sees the required keys declared where they are required.
      then: { properties: { username: true, password: true }, required: ['username', 'password'] },
      else: { properties: { clientSecret: true }, required: ['clientSecret'] },
    },
  ],
  properties: {
    ssoUrl: { type: 'string', pattern: '^https?://' },
    realm: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    grant: { enum: ['client_credentials', 'password'] },
    clientId: { type: 'string', minLength: 1 },
    clientSecret: { type: 'string', minLength: 1, writeOnly: true },
    username: { type: 'string', minLength: 1 },
    password: { type: 'string', minLength: 1, writeOnly: true },
    tokenRefreshMarginMs: { type: 'integer', minimum: 0 },
    poll: pollSchema({
      pageSize: { type: 'integer', minimum: 1, maximum: 500 },
      filters: { type: 'object', additionalProperties: { type: 'string' } },
      acceptedWithinDays: { type: 'integer', minimum: 1 },
    }),
  },
};
