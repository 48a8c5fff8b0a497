import { TrustReasons } from '../verdict';
import { fail } from './failure';
import { decodeOid, Oids } from './oid';
import { children, isContext, isUniversal, readTlv, type Tlv } from './tlv';

const SHA1 = '1.3.14.3.2.26';

/** The RSASSA-PSS parameters that node:crypto can honour (RFC 4055 §3.1). */
export interface PssParams {
  hashOid: string;
  saltLength: number;
}

/**
 * Reads RSASSA-PSS-params. node:crypto always uses MGF1 with the signature's own hash and trailer 0xBC, so
 * a signature declaring anything else is refused rather than checked with different parameters.
 */
export function readPssParams(parameters: ArrayBuffer | undefined): PssParams {
  let hashOid = SHA1;
  let mgfHashOid = SHA1;
  let saltLength = 20;
  if (parameters && parameters.byteLength > 0) {
    for (const field of children(readTlv(Buffer.from(parameters)))) {
      const [inner] = children(field);
      if (isContext(field, 0)) hashOid = algorithmOid(inner);
      else if (isContext(field, 1)) {
        const [mgfOid, mgfParams] = children(inner);
        if (decodeOid(mgfOid) !== Oids.mgf1 || !mgfParams) unsupported('mask generation other than MGF1');
        mgfHashOid = algorithmOid(mgfParams);
      } else if (isContext(field, 2)) saltLength = smallInteger(inner);
      else if (isContext(field, 3) && smallInteger(inner) !== 1) unsupported('trailer field other than 1');
    }
  }
  if (mgfHashOid !== hashOid) unsupported('MGF1 hash differing from the signature hash');
  return { hashOid, saltLength };
}

function algorithmOid(tlv: Tlv): string {
  if (!isUniversal(tlv, 16)) fail(TrustReasons.cmsMalformed, 'bad AlgorithmIdentifier in RSASSA-PSS params');
  return decodeOid(children(tlv)[0]);
}

function smallInteger(tlv: Tlv): number {
  if (!isUniversal(tlv, 2) || tlv.content.length === 0 || tlv.content.length > 4 || tlv.content[0] & 0x80) {
    return fail(TrustReasons.cmsMalformed, 'bad INTEGER in RSASSA-PSS params');
  }
  return tlv.content.readUIntBE(0, tlv.content.length);
}

function unsupported(what: string): never {
  return fail(TrustReasons.algorithmForbidden, `RSASSA-PSS with ${what} is not supported`);
}
