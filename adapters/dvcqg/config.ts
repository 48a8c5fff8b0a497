/**
 * The national portal's own keys in `systems.dvcqg`. Example (generation 1, session login):
 *
 * ```yaml
 * systems:
 *   dvcqg:
 *     baseUrl: https://lgsp.example.gov.vn/dvcqg
 *     username: ${DVCQG_USER}
 *     password: ${DVCQG_PASSWORD}
 *     dstcode: DVCQG
 * ```
 *
 * Generation 2 (`profile: gen2`) posts bare arrays to create/update/progress URLs and has no login: the
 * provincial LGSP in front of it authenticates (spec §1.1).
 */
export interface DvcqgConfig {
  /** gen1: `/login` + one service endpoint with an envelope; gen2: bare arrays to three URLs. @defaultValue 'gen1' */
  profile?: 'gen1' | 'gen2';
  /** gen1 login user. Required for gen1. */
  username?: string;
  /** gen1 login password; a secret. Required for gen1. */
  password?: string;
  /** The `dstcode` header (destination code on the integration bus). @defaultValue 'DVCQG' */
  dstcode?: string;
  /** `madonvi` of every call; absent = the dossier's agency identifier. */
  madonvi?: string;
  /** How long a session is reused before logging in again. @defaultValue 1200000 (20 min) */
  sessionTtlMs?: number;
  /** Paths appended to baseUrl. */
  paths?: { login?: string; service?: string; create?: string; update?: string; progress?: string };
  /** gen2 progress entries per request (TD sends 10). @defaultValue 10 */
  progressChunk?: number;
}

export const DVCQG_DEFAULT_PATHS = {
  login: '/login',
  service: '/service',
  create: '/v2/hoso/them-moi',
  update: '/v2/hoso/cap-nhat',
  progress: '/v2/hoso/tien-do',
} as const;

const path = { type: 'string', pattern: '^/[^\\s#?]*$' };

export const dvcqgConfigSchema: Record<string, unknown> = {
  type: 'object',
  // gen1 logs in; gen2 sits behind the provincial LGSP, which authenticates (spec §1.1).
  allOf: [
    {
      if: { properties: { profile: { const: 'gen2' } }, required: ['profile'] },
      // `properties` repeated so Ajv's strict mode sees the required keys declared where they are required.
      else: { properties: { username: true, password: true }, required: ['username', 'password'] },
    },
  ],
  properties: {
    profile: { enum: ['gen1', 'gen2'] },
    username: { type: 'string', minLength: 1 },
    password: { type: 'string', minLength: 1, writeOnly: true },
    dstcode: { type: 'string', pattern: '^[^\\r\\n]{1,64}$' },
    madonvi: { type: 'string', pattern: '^[0-9A-Z.]{1,35}$' },
    sessionTtlMs: { type: 'integer', minimum: 1000 },
    paths: {
      type: 'object',
      additionalProperties: false,
      properties: { login: path, service: path, create: path, update: path, progress: path },
    },
    progressChunk: { type: 'integer', minimum: 1, maximum: 100 },
  },
};
