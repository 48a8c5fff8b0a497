import { TrustReasons } from '../verdict';
import { fail } from './failure';
import { decodeOid, Oids } from './oid';
import { children, isContext, isUniversal, octetStringValue, readTlv, type Tlv } from './tlv';

/** The parts of a SignedData that the checks need, as the exact bytes that were sent. */
export interface SignedDataParts {
  eContentType: string;
  /** The encapsulated content, or undefined when the signature is detached. */
  eContent?: Buffer;
  /** X.509 certificates from the `certificates` field (other certificate kinds are skipped). */
  certificates: Buffer[];
  /** Each SignerInfo element, in order. */
  signerInfos: Tlv[];
}

/**
 * Walks ContentInfo → SignedData (RFC 5652 §3, §5.1) by hand rather than through the ASN.1 library:
 * the library refuses some real inputs as a whole (a CRL-only degenerate SignedData) and does not keep the
 * bytes that signatures cover. Only the shape is checked here; each piece is decoded where it is used.
 */
export function parseSignedData(der: Buffer): SignedDataParts {
  if (der.length === 0) fail(TrustReasons.cmsMalformed, 'empty input');
  const contentInfo = readTlv(der);
  // Zero padding after the structure is tolerated (signature containers reserved at a fixed size, as PDF
  // and CAdES tools write them); any other trailing byte is smuggled data and refused.
  if (der.subarray(contentInfo.der.length).some((b) => b !== 0)) {
    fail(TrustReasons.cmsMalformed, 'trailing bytes after ContentInfo');
  }
  const [typeTlv, explicit] = sequence(contentInfo, 'ContentInfo');
  const contentType = typeTlv ? decodeOid(typeTlv) : '';
  if (contentType !== Oids.signedData) {
    fail(TrustReasons.cmsMalformed, `ContentInfo holds ${contentType || 'nothing'}, not SignedData`);
  }
  if (!explicit || !isContext(explicit, 0)) fail(TrustReasons.cmsMalformed, 'ContentInfo has no [0] content');
  const [signedData] = children(explicit);
  const fields = sequence(signedData, 'SignedData');
  // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
  if (fields.length < 4 || !isUniversal(fields[0], 2) || !isUniversal(fields[1], 17)) {
    fail(TrustReasons.cmsMalformed, 'SignedData does not start with version and digestAlgorithms');
  }
  const signerSet = fields[fields.length - 1];
  if (!isUniversal(signerSet, 17)) fail(TrustReasons.cmsMalformed, 'SignedData has no signerInfos SET');
  const optional = fields.slice(3, -1);
  const certSet = optional.find((f) => isContext(f, 0));
  if (optional.some((f) => !isContext(f, 0) && !isContext(f, 1))) {
    fail(TrustReasons.cmsMalformed, 'unexpected field in SignedData');
  }
  return {
    ...encapsulated(fields[2]),
    certificates: certSet
      ? children(certSet)
          .filter((c) => isUniversal(c, 16))
          .map((c) => c.der)
      : [],
    signerInfos: children(signerSet).map((s) => {
      if (!isUniversal(s, 16)) fail(TrustReasons.cmsMalformed, 'SignerInfo is not a SEQUENCE');
      return s;
    }),
  };
}

function encapsulated(tlv: Tlv): Pick<SignedDataParts, 'eContentType' | 'eContent'> {
  const [typeTlv, explicit, ...rest] = sequence(tlv, 'EncapsulatedContentInfo');
  if (!typeTlv || rest.length > 0) fail(TrustReasons.cmsMalformed, 'bad EncapsulatedContentInfo');
  const eContentType = decodeOid(typeTlv);
  if (!explicit) return { eContentType };
  if (!isContext(explicit, 0)) fail(TrustReasons.cmsMalformed, 'eContent is not tagged [0]');
  const inner = children(explicit);
  if (inner.length !== 1) fail(TrustReasons.cmsMalformed, 'eContent must hold exactly one element');
  // CMS always wraps content in an OCTET STRING; PKCS #7 v1.5 allowed any type, whose contents octets
  // are what was digested (RFC 5652 §5.2.1).
  const eContent = isUniversal(inner[0], 4) ? octetStringValue(inner[0]) : inner[0].content;
  return { eContentType, eContent };
}

function sequence(tlv: Tlv | undefined, what: string): Tlv[] {
  if (!tlv || !isUniversal(tlv, 16) || !tlv.constructed) {
    return fail(TrustReasons.cmsMalformed, `${what} is not a SEQUENCE`);
  }
  return children(tlv);
}
