import { IGATE_FIXTURE_TIME } from '../__fixtures__';
import { TOKEN_PATH } from './auth';
import { manualClock } from '../../../src/simulator/__tests__/manual-clock';
import { call, login, start, stopAll, tokenRequest } from './__tests__/test-support';

afterEach(stopAll);

describe('igate simulator: Keycloak token endpoint (realm digo)', () => {
  it('grants client_credentials, password and refresh_token like Keycloak', async () => {
    const sim = await start();
    const cc = await tokenRequest(sim, {
      grant_type: 'client_credentials',
      client_id: 'lienthong',
      client_secret: 'sandbox-secret',
    });
    expect(cc.status).toBe(200);
    expect(cc.body).toMatchObject({
      expires_in: 300,
      refresh_expires_in: 1800,
      token_type: 'Bearer',
      'not-before-policy': 0,
      scope: 'profile email',
    });
    const [, payload] = (cc.body.access_token as string).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims).toMatchObject({ azp: 'lienthong', preferred_username: 'service-account-lienthong' });
    expect(claims.exp - claims.iat).toBe(300);

    const pw = await tokenRequest(sim, {
      grant_type: 'password',
      client_id: 'lienthong',
      username: 'lienthong',
      password: 'sandbox-password',
    });
    expect(pw.status).toBe(200);
    const refreshed = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      client_id: 'lienthong',
      refresh_token: pw.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const search = await call(sim, 'GET', '/pa/dossier/search', { token: refreshed.body.access_token });
    expect(search.status).toBe(200);
  });

  it('accepts the client in an HTTP Basic header', async () => {
    const sim = await start();
    const res = await fetch(`${sim.url}${TOKEN_PATH}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from('lienthong:sandbox-secret').toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
  });

  it.each([
    [
      'an unknown client',
      { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' },
      401,
      'invalid_client',
    ],
    [
      'a wrong secret',
      { grant_type: 'client_credentials', client_id: 'lienthong', client_secret: 'x' },
      401,
      'invalid_client',
    ],
    [
      'no secret for client_credentials',
      { grant_type: 'client_credentials', client_id: 'lienthong' },
      401,
      'invalid_client',
    ],
    [
      'a wrong password',
      { grant_type: 'password', client_id: 'lienthong', username: 'lienthong', password: 'x' },
      401,
      'invalid_grant',
    ],
    [
      'a password grant without client',
      { grant_type: 'password', username: 'lienthong', password: 'sandbox-password' },
      401,
      'invalid_client',
    ],
    [
      'a forged refresh token',
      { grant_type: 'refresh_token', client_id: 'lienthong', refresh_token: 'a.b.c' },
      400,
      'invalid_grant',
    ],
    [
      'an unsupported grant',
      { grant_type: 'authorization_code', client_id: 'lienthong', code: 'x' },
      400,
      'unsupported_grant_type',
    ],
    ['no grant_type', { client_id: 'lienthong' }, 400, 'invalid_request'],
  ])('refuses %s', async (_name, form, status, error) => {
    const sim = await start();
    const res = await tokenRequest(sim, form as Record<string, string>);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error, error_description: expect.any(String) });
  });

  it('says "Invalid user credentials" for a bad user, and takes forms only', async () => {
    const sim = await start();
    const bad = await tokenRequest(sim, {
      grant_type: 'password',
      client_id: 'lienthong',
      username: 'x',
      password: 'y',
    });
    expect(bad.body.error_description).toBe('Invalid user credentials');
    const json = await call(sim, 'POST', TOKEN_PATH, { json: { grant_type: 'client_credentials' } });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid_request');
    expect(sim.simulator.state.answers.tokenRefused).toBe(2);
  });
});

describe('igate simulator: bearer tokens', () => {
  const notActive = { error: 'invalid_token', error_description: 'Token is not active' };

  it('refuses a missing, malformed or foreign token with 401', async () => {
    const sim = await start();
    for (const token of [undefined, 'not-a-jwt', 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl']) {
      const res = await call(sim, 'GET', '/pa/dossier/search', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(notActive);
    }
    const other = await start();
    const foreign = await login(other);
    expect((await call(sim, 'GET', '/pa/dossier/search', { token: foreign })).status).toBe(401);
    expect(sim.simulator.state.answers.unauthorized).toBe(4);
  });

  it('lets a token expire with the clock, and a refresh token renew it', async () => {
    const c = manualClock(IGATE_FIXTURE_TIME);
    const sim = await start({ now: c.now, tokenTtlSeconds: 60 });
    const pw = await tokenRequest(sim, {
      grant_type: 'password',
      client_id: 'lienthong',
      username: 'lienthong',
      password: 'sandbox-password',
    });
    c.advance(59_000);
    expect((await call(sim, 'GET', '/pa/dossier/search', { token: pw.body.access_token })).status).toBe(200);
    c.advance(1_000);
    expect((await call(sim, 'GET', '/pa/dossier/search', { token: pw.body.access_token })).body).toEqual(
      notActive,
    );
    const renewed = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      client_id: 'lienthong',
      refresh_token: pw.body.refresh_token,
    });
    expect((await call(sim, 'GET', '/pa/dossier/search', { token: renewed.body.access_token })).status).toBe(
      200,
    );
  });

  it('expireTokens() (and POST /_sim/expire-tokens) ends every access and refresh token at once', async () => {
    const sim = await start();
    const a = await login(sim);
    const pw = await tokenRequest(sim, {
      grant_type: 'password',
      client_id: 'lienthong',
      username: 'lienthong',
      password: 'sandbox-password',
    });
    sim.simulator.expireTokens();
    expect((await call(sim, 'GET', '/pa/dossier/search', { token: a })).status).toBe(401);
    const refresh = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      client_id: 'lienthong',
      refresh_token: pw.body.refresh_token,
    });
    expect(refresh.body.error).toBe('invalid_grant');
    const b = await login(sim);
    expect((await call(sim, 'GET', '/pa/dossier/search', { token: b })).status).toBe(200);
    expect((await call(sim, 'POST', '/_sim/expire-tokens')).body).toEqual({ active: 0 });
    expect((await call(sim, 'GET', '/pa/dossier/search', { token: b })).status).toBe(401);
  });
});
