import { createHash, createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

/** One RSA key pair per test run, for documents the tests sign themselves. */
export const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

export const ALG = {
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha384: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  hmacSha256: 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha384: 'http://www.w3.org/2001/04/xmldsig-more#sha384',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
  exc: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
};

export interface SignOptions {
  signatureAlgorithm?: string;
  digestAlgorithm?: string;
  /** XPath of the signed element (xml-crypto gives it an Id when it has none). @defaultValue the root */
  xpath?: string;
  transforms?: string[];
  canonicalization?: string;
  privateKey?: KeyObject;
  hmacSecret?: Buffer;
}

/** Signs `xml` with xml-crypto, adding the algorithms it lacks (rsa-sha384, hmac-sha256, sha384). */
export function signXml(xml: string, options: SignOptions = {}): string {
  const sig = new SignedXml({
    privateKey: options.privateKey ?? rsa.privateKey,
    signatureAlgorithm: options.signatureAlgorithm ?? ALG.rsaSha256,
    canonicalizationAlgorithm: options.canonicalization ?? ALG.exc,
  });
  sig.SignatureAlgorithms[ALG.rsaSha384] = rsaSigner('sha384', ALG.rsaSha384);
  sig.SignatureAlgorithms[ALG.hmacSha256] = class {
    getSignature(info: string): string {
      return createHmac('sha256', options.hmacSecret ?? Buffer.alloc(0))
        .update(info)
        .digest('base64');
    }
    verifySignature(): boolean {
      return false;
    }
    getAlgorithmName(): string {
      return ALG.hmacSha256;
    }
  } as never;
  sig.HashAlgorithms[ALG.sha384] = class {
    getHash(text: string): string {
      return createHash('sha384').update(text, 'utf8').digest('base64');
    }
    getAlgorithmName(): string {
      return ALG.sha384;
    }
  };
  sig.addReference({
    xpath: options.xpath ?? '/*',
    digestAlgorithm: options.digestAlgorithm ?? ALG.sha256,
    transforms: options.transforms ?? [ALG.enveloped, ALG.exc],
  });
  sig.computeSignature(xml);
  return sig.getSignedXml();
}

function rsaSigner(hash: string, uri: string): never {
  return class {
    getSignature(info: string, key: KeyObject): string {
      return createSign(hash).update(info).sign(key, 'base64');
    }
    verifySignature(): boolean {
      return false;
    }
    getAlgorithmName(): string {
      return uri;
    }
  } as never;
}
