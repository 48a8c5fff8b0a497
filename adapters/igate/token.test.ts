import nock from 'nock';
import { createPartnerHttp } from '../../src/adapter/http-client';
import type { PartnerHttp } from '../../src/adapter/http-client';
import { silentLogger } from '../../src/observability/logger';
import type { IgateConfig } from './config';
import { IgateTokens } from './token';

const SSO = 'https://sso.igate.example.gov.vn';
const TOKEN_PATH = '/auth/realms/digo/protocol/openid-connect/token';
const T0 = Date.parse('2026-03-02T02:15:00.000Z');

let partner: PartnerHttp;
let clock: number;

beforeEach(() => {
  partner = createPartnerHttp();
  clock = T0;
});

afterEach(() => {
  partner.close();
});

function tokens(config: Partial<IgateConfig> = {}): IgateTokens {
  return new IgateTokens(
    partner.http,
    {
      baseUrl: 'https://api.igate.example.gov.vn',
      ssoUrl: SSO,
      clientId: 'lienthong',
      clientSecret: 's3cr3t',
      ...config,
    },
    silentLogger,
    () => clock,
  );
}

/** A token endpoint answering access tokens `tok-1`, `tok-2`, … and recording each form it received. */
function tokenEndpoint(expiresIn = 300) {
  const forms: Array<{ form: URLSearchParams; contentType: string }> = [];
  nock(SSO)
    .post(TOKEN_PATH)
    .times(100)
    .reply(function (_uri, body) {
      forms.push({
        form: new URLSearchParams(String(body)),
        contentType: String(this.req.headers['content-type']),
      });
      return [200, { access_token: `tok-${forms.length}`, expires_in: expiresIn, token_type: 'Bearer' }];
    });
  return forms;
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; kind: string; retryable: boolean }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; kind: string; retryable: boolean };
  }
  throw new Error('expected get() to fail');
}

describe('IgateTokens', () => {
  it('asks the realm’s token endpoint for a client_credentials token with a form body', async () => {
    const forms = tokenEndpoint();
    expect(await tokens().get(1000)).toBe('tok-1');
    expect(forms).toHaveLength(1);
    expect(forms[0].contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(forms[0].form)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'lienthong',
      client_secret: 's3cr3t',
    });
  });

  it('sends the user’s credentials for the password grant', async () => {
    const forms = tokenEndpoint();
    await tokens({ grant: 'password', clientSecret: undefined, username: 'canbo', password: 'mat-khau' }).get(
      1000,
    );
    expect(Object.fromEntries(forms[0].form)).toEqual({
      grant_type: 'password',
      client_id: 'lienthong',
      username: 'canbo',
      password: 'mat-khau',
    });
  });

  it('uses the realm and falls back to baseUrl when no ssoUrl is set', () => {
    const t = new IgateTokens(
      partner.http,
      { baseUrl: 'https://api.igate.example.gov.vn/', realm: 'qni', clientId: 'x' },
      silentLogger,
    );
    expect(t.url).toBe('https://api.igate.example.gov.vn/auth/realms/qni/protocol/openid-connect/token');
  });

  it('keeps the token until its expiry minus the margin', async () => {
    const forms = tokenEndpoint(300);
    const t = tokens({ tokenRefreshMarginMs: 60_000 });
    expect(await t.get(1000)).toBe('tok-1');
    clock = T0 + 240_000 - 1;
    expect(await t.get(1000)).toBe('tok-1');
    expect(forms).toHaveLength(1);
    clock = T0 + 240_000;
    expect(await t.get(1000)).toBe('tok-2');
    expect(forms).toHaveLength(2);
  });

  it('renews 30 s before expiry by default', async () => {
    const forms = tokenEndpoint(300);
    const t = tokens();
    await t.get(1000);
    clock = T0 + 270_000 - 1;
    await t.get(1000);
    expect(forms).toHaveLength(1);
    clock = T0 + 270_000;
    expect(await t.get(1000)).toBe('tok-2');
  });

  it('caps the margin at half the token’s lifetime', async () => {
    const forms = tokenEndpoint(10);
    const t = tokens({ tokenRefreshMarginMs: 30_000 });
    expect(await t.get(1000)).toBe('tok-1');
    clock = T0 + 5_000 - 1;
    expect(await t.get(1000)).toBe('tok-1');
    expect(forms).toHaveLength(1);
    clock = T0 + 5_000;
    expect(await t.get(1000)).toBe('tok-2');
  });

  it('makes one request for 5 concurrent callers', async () => {
    const forms = tokenEndpoint();
    const t = tokens();
    const values = await Promise.all([1, 2, 3, 4, 5].map(() => t.get(1000)));
    expect(values).toEqual(['tok-1', 'tok-1', 'tok-1', 'tok-1', 'tok-1']);
    expect(forms).toHaveLength(1);
  });

  it('asks again after invalidate()', async () => {
    const forms = tokenEndpoint();
    const t = tokens();
    expect(await t.get(1000)).toBe('tok-1');
    t.invalidate();
    expect(await t.get(1000)).toBe('tok-2');
    expect(forms).toHaveLength(2);
  });

  it.each([400, 401])('refuses with LT_IGATE_AUTH when the endpoint answers %i', async (status) => {
    nock(SSO)
      .post(TOKEN_PATH)
      .reply(status, { error: 'invalid_client', error_description: 'Invalid client credentials' });
    const err = await failure(tokens().get(1000));
    expect(err).toMatchObject({ code: 'LT_IGATE_AUTH', kind: 'auth', retryable: false });
    expect(String(err)).toContain(`HTTP ${status}`);
  });

  it('does not cache a refusal: the next call asks again', async () => {
    nock(SSO).post(TOKEN_PATH).reply(401, { error: 'invalid_client' });
    const t = tokens();
    await failure(t.get(1000));
    const forms = tokenEndpoint();
    expect(await t.get(1000)).toBe('tok-1');
    expect(forms).toHaveLength(1);
  });

  it('refuses with LT_IGATE_AUTH a 200 without an access token', async () => {
    nock(SSO).post(TOKEN_PATH).reply(200, { token_type: 'Bearer' });
    expect(await failure(tokens().get(1000))).toMatchObject({ code: 'LT_IGATE_AUTH' });
  });

  it('answers LT_IGATE_UNEXPECTED_ANSWER (retryable) to a 200 that is not JSON', async () => {
    nock(SSO)
      .post(TOKEN_PATH)
      .reply(200, '<html><body>Maintenance</body></html>', { 'Content-Type': 'text/html' });
    expect(await failure(tokens().get(1000))).toMatchObject({
      code: 'LT_IGATE_UNEXPECTED_ANSWER',
      retryable: true,
    });
  });

  it('classifies a 5xx from the endpoint as retryable, not as an auth refusal', async () => {
    nock(SSO).post(TOKEN_PATH).reply(503, 'busy');
    const err = await failure(tokens().get(1000));
    expect(err.code).not.toBe('LT_IGATE_AUTH');
    expect(err.retryable).toBe(true);
  });
});
