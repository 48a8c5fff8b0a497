import { parseSafeXml } from '../../../src/trust/xml/safe-xml';

/** The edXML namespace (QCVN 102:2016). */
const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

function children(parent: Element, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling)
    if (
      n.nodeType === 1 &&
      (n as Element).namespaceURI === EDXML_NS &&
      (n as Element).localName === localName
    )
      out.push(n as Element);
  return out;
}

function organIds(header: Element, container: string): string[] {
  return children(header, container)
    .flatMap((c) => children(c, 'OrganId'))
    .map((e) => (e.textContent ?? '').trim())
    .filter(Boolean);
}

/**
 * Who an edXML package is for, read as the axis would when the sender names no `to`: the agency codes of
 * `MessageHeader/To/OrganId`; for a status message (which has no To), `ResponseFor/OrganId`, the agency
 * whose document the status answers (inference: the axis' routing code is not public). Also the sender's
 * `From/OrganId`. Parsed with the safe XML reader (no DTD, size and depth limits); throws its LtError.
 */
export function edxmlAddressing(bytes: Buffer): { from?: string; to: string[] } {
  const doc = parseSafeXml(bytes);
  const header = doc.getElementsByTagNameNS(EDXML_NS, 'MessageHeader')[0] as Element | undefined;
  if (!header) return { to: [] };
  const to = organIds(header, 'To');
  return { from: organIds(header, 'From')[0], to: to.length > 0 ? to : organIds(header, 'ResponseFor') };
}

/** The signed `to` parameter: compact JSON `[{"code":"…"}, …]` as the SDK writes it; undefined when unreadable. */
export function parseToParameter(text: string): string[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const codes = value.map((v: unknown) => (v as { code?: unknown } | null)?.code);
  return codes.every((c): c is string => typeof c === 'string' && c !== '') ? codes : undefined;
}
