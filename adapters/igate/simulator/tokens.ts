import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A Keycloak client of realm `digo`; without a secret it is a public client (password grant only). */
export interface IgateClient {
  clientId: string;
  clientSecret?: string;
}

/** A user of realm `digo`, for the password grant that public iGate tools use. */
export interface IgateUser {
  username: string;
  password: string;
}

/** An OAuth answer: the HTTP status and the JSON body Keycloak would send. */
export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const REFRESH_TTL_SECONDS = 1800; // Keycloak's default SSO session idle time.

interface Claims {
  exp: number;
  jti: string;
  typ: 'Bearer' | 'Refresh';
  azp: string;
  preferred_username: string;
}

/**
 * The token side of Keycloak realm `digo`: grants, HS256 JWT-shaped tokens signed with a secret of this
 * process, and the set of tokens still active. `expireAll` ends every access and refresh token at once, as a
 * realm key rotation or a cleared session store does, so a client must authenticate again from scratch.
 */
export class TokenService {
  private readonly key = randomBytes(32);
  private readonly active = new Map<string, number>();
  private readonly refresh = new Set<string>();
  issued = 0;

  constructor(
    private readonly options: {
      clients: IgateClient[];
      users: IgateUser[];
      ttlSeconds: number;
      now: () => number;
      issuer: string;
    },
  ) {}

  /** Answers a token request from its form fields (and an HTTP Basic client, if sent). */
  grant(form: Record<string, unknown>, basic?: { id: string; secret: string }): TokenAnswer {
    const field = (name: string): string | undefined =>
      typeof form[name] === 'string' ? form[name] : undefined;
    const grantType = field('grant_type');
    if (!grantType) return fail(400, 'invalid_request', 'Missing form parameter: grant_type');
    const clientId = basic?.id ?? field('client_id');
    const secret = basic?.secret ?? field('client_secret');
    const client = this.options.clients.find((c) => c.clientId === clientId);
    const badClient = fail(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    if (!client) return badClient;
    if (secret !== undefined && !(client.clientSecret !== undefined && same(secret, client.clientSecret)))
      return badClient;
    switch (grantType) {
      case 'client_credentials':
        if (client.clientSecret === undefined)
          return fail(400, 'unauthorized_client', 'Public client not allowed to retrieve service account');
        if (secret === undefined) return badClient;
        return this.issue(client.clientId, `service-account-${client.clientId}`);
      case 'password': {
        const user = this.options.users.find((u) => u.username === field('username'));
        if (!user || !same(field('password') ?? '', user.password))
          return fail(401, 'invalid_grant', 'Invalid user credentials');
        return this.issue(client.clientId, user.username);
      }
      case 'refresh_token': {
        const claims = this.read(field('refresh_token'));
        if (!claims || claims.typ !== 'Refresh' || !this.refresh.has(claims.jti) || this.expired(claims))
          return fail(400, 'invalid_grant', 'Invalid refresh token');
        if (claims.azp !== client.clientId)
          return fail(
            400,
            'invalid_grant',
            "Invalid refresh token. Token client and authorized client don't match",
          );
        return this.issue(client.clientId, claims.preferred_username);
      }
      default:
        return fail(400, 'unsupported_grant_type', 'Unsupported grant_type');
    }
  }

  /** Whether an `Authorization` header carries an access token that is still active. */
  verify(authorization: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const claims = match ? this.read(match[1]) : undefined;
    return !!claims && claims.typ === 'Bearer' && this.active.has(claims.jti) && !this.expired(claims);
  }

  /** Makes every token issued so far inactive (an expiry mid-run). */
  expireAll(): void {
    this.active.clear();
    this.refresh.clear();
  }

  /** Access tokens neither expired nor revoked. */
  activeCount(): number {
    const nowS = this.options.now() / 1000;
    return [...this.active.values()].filter((exp) => exp > nowS).length;
  }

  private issue(clientId: string, username: string): TokenAnswer {
    const iat = Math.floor(this.options.now() / 1000);
    const common = {
      iat,
      iss: this.options.issuer,
      sub: uuidOf(username),
      azp: clientId,
      preferred_username: username,
    };
    const access = { ...common, exp: iat + this.options.ttlSeconds, jti: randomUUID(), typ: 'Bearer' };
    const refresh = { ...common, exp: iat + REFRESH_TTL_SECONDS, jti: randomUUID(), typ: 'Refresh' };
    this.active.set(access.jti, access.exp);
    this.refresh.add(refresh.jti);
    this.issued += 1;
    return {
      status: 200,
      body: {
        access_token: this.sign({ ...access, aud: 'account', scope: 'profile email' }),
        expires_in: this.options.ttlSeconds,
        refresh_expires_in: REFRESH_TTL_SECONDS,
        refresh_token: this.sign(refresh),
        token_type: 'Bearer',
        'not-before-policy': 0,
        session_state: randomUUID(),
        scope: 'profile email',
      },
    };
  }

  private sign(payload: object): string {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'lienthong-sandbox' }));
    const body = b64url(JSON.stringify(payload));
    return `${head}.${body}.${createHmac('sha256', this.key).update(`${head}.${body}`).digest('base64url')}`;
  }

  /** The claims of a token signed here, or undefined for anything else. */
  private read(token: string | undefined): Claims | undefined {
    const parts = token?.split('.') ?? [];
    if (parts.length !== 3) return undefined;
    const expected = createHmac('sha256', this.key).update(`${parts[0]}.${parts[1]}`).digest('base64url');
    if (!same(parts[2], expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Claims;
    } catch {
      return undefined;
    }
  }

  private expired(claims: Claims): boolean {
    return claims.exp * 1000 <= this.options.now();
  }
}

function fail(status: number, error: string, description: string): TokenAnswer {
  return { status, body: { error, error_description: description } };
}

/** Constant-time string comparison (sandbox secrets, but the habit costs nothing). */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A stable UUID-shaped subject per user, as Keycloak keeps one per account. */
function uuidOf(username: string): string {
  const h = createHash('sha256').update(username).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
