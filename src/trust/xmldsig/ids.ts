import { TrustReasons } from '../verdict';
import { WSU_NS } from './algorithms';
import { elementChildren } from './dom';
import { SigRefusal } from './refusal';

/** Attribute local names xml-crypto treats as IDs, whatever their namespace. */
const ID_NAMES = new Set(['Id', 'ID', 'id']);

export interface IdHit {
  element: Element;
  attribute: Attr;
}

/**
 * Every attribute that xml-crypto could take for an ID (local name Id/ID/id in any namespace), by value.
 * Built the way xml-crypto looks (`@*[local-name()='Id']`) so that "exactly one match here" means xml-crypto
 * resolves the same element.
 */
function indexIds(doc: Document): Map<string, IdHit[]> {
  const index = new Map<string, IdHit[]>();
  const stack: Element[] = [doc.documentElement];
  while (stack.length > 0) {
    const element = stack.pop() as Element;
    for (let i = 0; i < element.attributes.length; i += 1) {
      const attribute = element.attributes[i];
      if (!ID_NAMES.has(attribute.localName)) continue;
      const hits = index.get(attribute.value) ?? [];
      hits.push({ element, attribute });
      index.set(attribute.value, hits);
    }
    stack.push(...elementChildren(element));
  }
  return index;
}

/**
 * Refuses a document in which two ID attributes carry the same value. That is the signature-wrapping shape
 * (the verifier digests one element, the application reads the other); XML requires IDs to be unique anyway,
 * so the check is document-wide rather than limited to the IDs the Signature names.
 */
export function uniqueIds(doc: Document): Map<string, IdHit[]> {
  const index = indexIds(doc);
  for (const [id, hits] of index) {
    if (hits.length > 1) {
      throw new SigRefusal(
        TrustReasons.wrapping,
        `the ID '${id}' is carried ${hits.length} times in the document (signature wrapping)`,
      );
    }
  }
  return index;
}

/**
 * Checks that every ID a Reference names identifies an element through an accepted attribute: unqualified
 * `Id`, `ID`, `id`, plus `wsu:Id` when the caller asked for the WS-Security ID mode.
 */
export function checkReferencedIds(index: Map<string, IdHit[]>, ids: string[], wssecurity: boolean): void {
  for (const id of ids) {
    const hit = index.get(id)?.[0];
    if (hit === undefined)
      throw new SigRefusal(TrustReasons.referenceMissing, `no element has the ID '${id}'`);
    const ns = hit.attribute.namespaceURI;
    if (!ns || (wssecurity && ns === WSU_NS)) continue;
    throw new SigRefusal(
      TrustReasons.referenceMissing,
      `the ID '${id}' is carried by the namespaced attribute ${hit.attribute.name}, not accepted` +
        (ns === WSU_NS ? ' unless idMode is wssecurity' : ''),
    );
  }
}
