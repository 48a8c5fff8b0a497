import { computeSignature, signWebhookBody, verifyWebhookSignature } from './signature';

const SECRET = 'whsec_0123456789abcdef';
const OLD_SECRET = 'whsec_previous_secret_1';
const body = Buffer.from('{"specversion":"1.0","id":"e1"}');
const t = 1_751_328_000;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

describe('webhook signature', () => {
  it('is the Stripe-style t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    // Independently computed: printf '1751328000.{"specversion":"1.0","id":"e1"}' | openssl dgst -sha256 -hmac whsec_0123456789abcdef
    expect(signWebhookBody(SECRET, body, t)).toBe(
      `t=${t},v1=3342d2da74c754715e9e22ba609f53cff8d06e6f188c5d5effd79ac1682d2687`,
    );
  });

  it('verifies within the tolerance and returns the signed timestamp', () => {
    expect(
      verifyWebhookSignature(signWebhookBody(SECRET, body, t), body, SECRET, { nowSeconds: t + 299 }),
    ).toBe(t);
  });

  it('accepts any active secret and any v1 entry (rotation)', () => {
    const header = `t=${t},v1=${computeSignature(OLD_SECRET, t, body)},v0=ignored`;
    expect(verifyWebhookSignature(header, body, [SECRET, OLD_SECRET], { nowSeconds: t })).toBe(t);
    const both = `t=${t},v1=${'0'.repeat(64)},v1=${computeSignature(SECRET, t, body)}`;
    expect(verifyWebhookSignature(both, body, SECRET, { nowSeconds: t })).toBe(t);
  });

  it.each([
    ['missing', undefined, body, 'LT_WEBHOOK_SIGNATURE_MISSING'],
    ['empty', ' ', body, 'LT_WEBHOOK_SIGNATURE_MISSING'],
    ['without timestamp', `v1=${computeSignature(SECRET, t, body)}`, body, 'LT_WEBHOOK_SIGNATURE_MALFORMED'],
    ['without v1', `t=${t}`, body, 'LT_WEBHOOK_SIGNATURE_MALFORMED'],
    ['short hex', `t=${t},v1=abcd`, body, 'LT_WEBHOOK_SIGNATURE_MALFORMED'],
    [
      'tampered body',
      signWebhookBody(SECRET, body, t),
      Buffer.from(`${body} `),
      'LT_WEBHOOK_SIGNATURE_INVALID',
    ],
    ['wrong secret', signWebhookBody('another-secret-0000', body, t), body, 'LT_WEBHOOK_SIGNATURE_INVALID'],
    ['stale', signWebhookBody(SECRET, body, t - 301), body, 'LT_WEBHOOK_SIGNATURE_STALE'],
    ['from the future', signWebhookBody(SECRET, body, t + 301), body, 'LT_WEBHOOK_SIGNATURE_STALE'],
  ])('refuses a signature %s', (_name, header, payload, code) => {
    expect(codeOf(() => verifyWebhookSignature(header, payload, SECRET, { nowSeconds: t }))).toBe(code);
  });
});
