import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { TrustReasons as R } from '../verdict';
import { ALG, rsa, signXml } from './__fixtures__/sign';
import { verifyXmlSignature, type XmlDsigOptions } from './index';

const DOC = '<root xmlns:x="urn:x"><a Id="a">signed <x:b>text</x:b></a><c>unsigned</c></root>';
const pinned: XmlDsigOptions = { pinnedKeys: [rsa.publicKey] };
const signed = (options = {}): string => signXml(DOC, { xpath: '//*[@Id="a"]', ...options });
const verify = (xml: string | Buffer, options: XmlDsigOptions = pinned) => verifyXmlSignature(xml, options);
const refusedWith = (xml: string, reason: string, options: XmlDsigOptions = pinned): void => {
  expect(verify(xml, options)).toMatchObject({ ok: false, reason });
};

describe('verifyXmlSignature: algorithms', () => {
  it.each([
    ['rsa-sha256', ALG.rsaSha256, ALG.sha256, 'sha256'],
    ['rsa-sha384', ALG.rsaSha384, ALG.sha384, 'sha384'],
    ['rsa-sha512', ALG.rsaSha512, ALG.sha512, 'sha512'],
  ])('verifies %s', (name, signatureAlgorithm, digestAlgorithm, digest) => {
    const result = verify(signed({ signatureAlgorithm, digestAlgorithm }));
    expect(result).toMatchObject({ ok: true, sha1Used: false, keySource: 'pinned', enveloped: true });
    expect(result.ok && result.algorithms).toMatchObject({ signature: name, digests: [digest] });
  });

  it('verifies hmac-sha256 with a configured secret only', () => {
    const secret = Buffer.from('a shared secret of the route');
    const xml = signed({ signatureAlgorithm: ALG.hmacSha256, hmacSecret: secret });
    expect(verify(xml, { hmacKeys: [secret] })).toMatchObject({ ok: true, keySource: 'hmac' });
    refusedWith(xml, R.algorithmForbidden, pinned);
    refusedWith(xml, R.badSignature, { hmacKeys: [Buffer.from('another secret')] });
  });

  it('refuses the key-confusion attack: the public key PEM used as an HMAC secret', () => {
    const pem = Buffer.from(rsa.publicKey.export({ type: 'spki', format: 'pem' }));
    const xml = signed({ signatureAlgorithm: ALG.hmacSha256, hmacSecret: pem });
    refusedWith(xml, R.algorithmForbidden, pinned);
  });

  it('refuses SHA-1 digests and rsa-sha1 unless allowSha1', () => {
    refusedWith(signed({ digestAlgorithm: ALG.sha1 }), R.algorithmForbidden);
    const legacy = signed({ signatureAlgorithm: ALG.rsaSha1, digestAlgorithm: ALG.sha1 });
    refusedWith(legacy, R.algorithmForbidden);
    expect(verify(legacy, { ...pinned, allowSha1: true })).toMatchObject({ ok: true, sha1Used: true });
  });

  it.each([
    [
      'an unknown signature method',
      (x: string) => x.replace(ALG.rsaSha256, 'http://www.w3.org/2001/04/xmldsig-more#rsa-md5'),
    ],
    ['an MD5 digest', (x: string) => x.replace(ALG.sha256, 'http://www.w3.org/2001/04/xmldsig-more#md5')],
    [
      'a WithComments canonicalization',
      (x: string) =>
        x.replace(`"${ALG.exc}"/><SignatureMethod`, `"${ALG.exc}WithComments"/><SignatureMethod`),
    ],
    [
      'a WithComments transform',
      (x: string) =>
        x.replace(`<Transform Algorithm="${ALG.exc}"/>`, `<Transform Algorithm="${ALG.exc}WithComments"/>`),
    ],
    [
      'an XSLT transform',
      (x: string) =>
        x.replace(
          `<Transform Algorithm="${ALG.exc}"/>`,
          '<Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>',
        ),
    ],
    [
      'an XPath transform',
      (x: string) =>
        x.replace(
          `<Transform Algorithm="${ALG.exc}"/>`,
          '<Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"/>',
        ),
    ],
  ])('refuses %s', (_name, mutate) => {
    const xml = mutate(signed());
    expect(xml).not.toBe(signed());
    refusedWith(xml, R.algorithmForbidden);
  });

  it('refuses a truncated HMAC (HMACOutputLength)', () => {
    const secret = Buffer.from('s');
    const xml = signed({ signatureAlgorithm: ALG.hmacSha256, hmacSecret: secret }).replace(
      `${ALG.hmacSha256}"/>`,
      `${ALG.hmacSha256}"><HMACOutputLength>80</HMACOutputLength></SignatureMethod>`,
    );
    refusedWith(xml, R.malformedSignature, { hmacKeys: [secret] });
  });
});

describe('verifyXmlSignature: structure and wrapping', () => {
  it('returns only the signed element, canonical, never the unsigned rest', () => {
    const result = verify(signed());
    expect(result.ok && result.signedReferences).toEqual([
      '<a Id="a">signed <x:b xmlns:x="urn:x">text</x:b></a>',
    ]);
  });

  it('refuses input that is not safe XML with the xml* codes', () => {
    refusedWith('<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', R.xmlDoctype);
    refusedWith('<r><a></r>', R.xmlMalformed);
    refusedWith(signed(), R.xmlTooLarge, { ...pinned, limits: { maxBytes: 100 } });
  });

  it('accepts a Buffer with a byte-order mark', () => {
    expect(verify(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(signed())]))).toMatchObject({
      ok: true,
    });
  });

  it('says LT_SIG_MISSING for an unsigned document', () => {
    refusedWith(DOC, R.unsigned);
  });

  it('refuses a Signature outside the XML-DSig namespace (the safe default)', () => {
    const xml = signed().replace(
      '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">',
      '<Signature xmlns="">',
    );
    refusedWith(xml, R.malformedSignature);
  });

  it('refuses several Signatures', () => {
    const xml = signed();
    const signature = xml.slice(xml.indexOf('<Signature'), xml.indexOf('</root>'));
    refusedWith(xml.replace('<c>unsigned</c>', `<c>${signature}</c>`), R.severalSignatures);
  });

  it('refuses several SignedInfo, and none', () => {
    const xml = signed();
    const info = xml.slice(xml.indexOf('<SignedInfo>'), xml.indexOf('<SignatureValue>'));
    refusedWith(xml.replace(info, info + info), R.severalSignedInfo);
    refusedWith(xml.replace(info, ''), R.malformedSignature);
  });

  it('refuses a second SignedInfo hidden in a foreign namespace', () => {
    const xml = signed();
    const info = xml.slice(xml.indexOf('<SignedInfo>'), xml.indexOf('<SignatureValue>'));
    const foreign = info.replace('<SignedInfo>', '<SignedInfo xmlns="urn:evil">');
    refusedWith(xml.replace(info, info + foreign), R.severalSignedInfo);
  });

  it('refuses a duplicated ID anywhere in the document (signature wrapping)', () => {
    refusedWith(signed().replace('<c>unsigned</c>', '<c Id="a">evil</c>'), R.wrapping);
    refusedWith(signed().replace('<c>unsigned</c>', '<c xmlns:w="urn:w" w:ID="a">evil</c>'), R.wrapping);
  });

  it.each(["#a'b", '#a"b', "#a'] | //*[@Id='x", '#xpointer(/)', '#'])(
    'refuses the Reference URI %s',
    (uri) => {
      const result = verify(signed().replace('URI="#a"', `URI="${uri.replace(/"/g, '&quot;')}"`));
      expect(result).toMatchObject({ ok: false, reason: R.malformedSignature });
      expect(!result.ok && result.detail).toMatch(/does not name a valid XML ID/);
    },
  );

  it('refuses external Reference URIs without fetching them', () => {
    const scope = nock('http://127.0.0.1:5000').get(/.*/).reply(200, '<a Id="a">signed</a>');
    for (const uri of ['http://127.0.0.1:5000/doc.xml', 'file:///etc/passwd', 'doc.xml#a']) {
      refusedWith(signed().replace('URI="#a"', `URI="${uri}"`), R.malformedSignature);
    }
    expect(scope.isDone()).toBe(false);
  });

  it('refuses a Reference without a URI', () => {
    refusedWith(signed().replace(' URI="#a"', ''), R.malformedSignature);
  });

  it('reads DigestValue from text only: a comment inside does not count', () => {
    const xml = signed();
    const digest = /<DigestValue>([^<]+)<\/DigestValue>/.exec(xml)?.[1] as string;
    const withNoise = xml.replace(`>${digest}<`, `><!--AAAA-->${digest}<!--BBBB--><`);
    expect(verify(withNoise)).toMatchObject({ ok: true });
    const swapped = xml.replace(`>${digest}<`, `><!--${digest}-->${Buffer.alloc(32).toString('base64')}<`);
    refusedWith(swapped, R.digestMismatch);
  });

  it('refuses an element inside DigestValue', () => {
    refusedWith(signed().replace('<DigestValue>', '<DigestValue><x/>'), R.malformedSignature);
  });
});

describe('verifyXmlSignature: outcomes', () => {
  it('says LT_SIG_DIGEST_MISMATCH when the signed content changed', () => {
    refusedWith(signed().replace('signed <x:b>', 'changed <x:b>'), R.digestMismatch);
  });

  it('says LT_SIG_BAD_SIGNATURE when SignatureValue does not verify', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    refusedWith(signed({ privateKey: other.privateKey }), R.badSignature);
  });

  it('says LT_SIG_REFERENCE_MISSING when the URI resolves to nothing', () => {
    refusedWith(signed().replace('<a Id="a">', '<a>'), R.referenceMissing);
  });

  it('says LT_SIG_KEY_UNKNOWN with no usable key', () => {
    refusedWith(signed(), R.keyUnknown, {});
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    refusedWith(signed(), R.keyUnknown, { pinnedKeys: [ec.publicKey] });
  });

  it('accepts a pinned key given as a certificate or key PEM', () => {
    const pem = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' });
    expect(verify(signed(), { pinnedKeys: [createPublicKey(pem)] })).toMatchObject({ ok: true });
  });
});
