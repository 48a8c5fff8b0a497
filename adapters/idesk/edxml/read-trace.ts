/**
 * Reads `TraceHeaderList`: the hops (`TraceHeader`) and what the package does (`Bussiness`). Their order in
 * the list varies between builders (the SDK's uploads put Bussiness first), so they are read apart.
 */
import { readTime } from './dates';
import { compact, int, kid, kids, text } from './dom';
import { EdxmlErrors, edxmlError } from './errors';
import { readStaffInfo } from './read-header';
import { BUSSINESS_DOC_TYPES } from './types';
import type { Bussiness, BussinessDocType, TraceHeader } from './types';

export function readTraceHeaders(list: Element | undefined): TraceHeader[] {
  return kids(list, 'TraceHeader').map((el) =>
    compact({
      organId: text(el, 'OrganId'),
      timestamp: readTime(text(el, 'Timestamp'), 'TraceHeader/Timestamp'),
    }),
  );
}

function docType(el: Element): BussinessDocType {
  const value = int(el, 'BussinessDocType');
  if (value === undefined) {
    throw edxmlError(EdxmlErrors.missingElement, 'Bussiness has no BussinessDocType', {
      element: 'BussinessDocType',
    });
  }
  if (!(BUSSINESS_DOC_TYPES as readonly number[]).includes(value)) {
    throw edxmlError(EdxmlErrors.badValue, `unknown BussinessDocType ${value}`, {
      element: 'BussinessDocType',
    });
  }
  return value as BussinessDocType;
}

/** The `Bussiness` element, when there is one (the minimal packages have none). */
export function readBussiness(list: Element | undefined): Bussiness | undefined {
  const el = kid(list, 'Bussiness');
  if (!el) return undefined;
  const info = kid(el, 'BussinessDocumentInfo');
  const replacements = kid(el, 'ReplacementInfoList');
  return compact({
    documentId: text(el, 'DocumentId'),
    bussinessDocType: docType(el),
    bussinessDocReason: text(el, 'BussinessDocReason'),
    paper: int(el, 'Paper'),
    bussinessDocumentInfo:
      info &&
      compact({
        documentInfo: text(info, 'DocumentInfo'),
        documentReceiver: text(info, 'DocumentReceiver'),
        receivers: kid(info, 'ReceiverList')
          ? kids(kid(info, 'ReceiverList'), 'Receiver').map((r) =>
              compact({ organId: text(r, 'OrganId'), receiverType: int(r, 'ReceiverType') }),
            )
          : undefined,
      }),
    replacementInfo:
      replacements &&
      kids(replacements, 'ReplacementInfo').map((r) =>
        compact({
          documentId: text(r, 'DocumentId'),
          organIds: kids(kid(r, 'OrganIdList'), 'OrganId').map((o) => (o.textContent ?? '').trim()),
        }),
      ),
    staffInfo: readStaffInfo(kid(el, 'StaffInfo')),
  });
}
