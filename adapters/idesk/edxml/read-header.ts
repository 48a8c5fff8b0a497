/** Reads the `MessageHeader` of a document package and of a status message into the model. */
import { readDate, readTime } from './dates';
import { bool, compact, int, kid, kids, text, texts } from './dom';
import { EdxmlErrors, edxmlError } from './errors';
import { STATUS_CODES } from './types';
import type { MessageHeader, Organ, ResponseFor, StaffInfo, StatusCode, StatusMessage } from './types';

function organ(el: Element): Organ {
  return compact({
    organId: text(el, 'OrganId') ?? '',
    organizationInCharge: text(el, 'OrganizationInCharge'),
    organName: text(el, 'OrganName'),
    organAdd: text(el, 'OrganAdd'),
    email: text(el, 'Email'),
    telephone: text(el, 'Telephone'),
    fax: text(el, 'Fax'),
    website: text(el, 'Website'),
  });
}

/** `From` and every `To` must name an agency: routing is impossible without OrganId. */
function requiredOrgan(el: Element | undefined, name: 'From' | 'To'): Organ {
  const code = name === 'From' ? EdxmlErrors.missingFrom : EdxmlErrors.missingTo;
  if (!el) throw edxmlError(code, `MessageHeader has no ${name}`);
  const o = organ(el);
  if (o.organId === '') throw edxmlError(code, `${name} has no OrganId`);
  return o;
}

export function readStaffInfo(el: Element | undefined): StaffInfo | undefined {
  if (!el) return undefined;
  return compact({
    department: text(el, 'Department'),
    staff: text(el, 'Staff'),
    email: text(el, 'Email'),
    mobile: text(el, 'Mobile'),
  });
}

function responseFor(el: Element | undefined): ResponseFor | undefined {
  if (!el) return undefined;
  return compact({
    organId: text(el, 'OrganId'),
    code: text(el, 'Code'),
    promulgationDate: readDate(text(el, 'PromulgationDate'), 'ResponseFor/PromulgationDate'),
    documentId: text(el, 'DocumentId'),
  });
}

/** Whether a MessageHeader is a status message's (it carries a StatusCode). */
export function isStatusHeader(header: Element): boolean {
  return kid(header, 'StatusCode') !== undefined;
}

export function readMessageHeader(h: Element): MessageHeader {
  const to = kids(h, 'To');
  if (to.length === 0) throw edxmlError(EdxmlErrors.missingTo, 'MessageHeader has no To');
  const documentId = text(h, 'DocumentId');
  if (!documentId) throw edxmlError(EdxmlErrors.missingDocumentId, 'MessageHeader has no DocumentId');
  const code = kid(h, 'Code');
  const prom = kid(h, 'PromulgationInfo');
  const type = kid(h, 'DocumentType');
  const signer = kid(h, 'SignerInfo');
  const other = kid(h, 'OtherInfo');
  return compact({
    from: requiredOrgan(kid(h, 'From'), 'From'),
    to: to.map((el) => requiredOrgan(el, 'To')),
    documentId,
    code: code && compact({ codeNumber: text(code, 'CodeNumber'), codeNotation: text(code, 'CodeNotation') }),
    promulgationInfo:
      prom &&
      compact({
        place: text(prom, 'Place'),
        promulgationDate: readDate(text(prom, 'PromulgationDate'), 'PromulgationDate'),
      }),
    documentType:
      type &&
      compact({
        type: int(type, 'Type'),
        typeDetail: int(type, 'TypeDetail'),
        typeName: text(type, 'TypeName'),
      }),
    subject: text(h, 'Subject'),
    content: text(h, 'Content'),
    signerInfo:
      signer &&
      compact({
        competence: text(signer, 'Competence'),
        position: text(signer, 'Position'),
        fullName: text(signer, 'FullName'),
      }),
    dueDate: readDate(text(h, 'DueDate'), 'DueDate'),
    toPlaces: texts(h, 'ToPlaces', 'Place'),
    otherInfo:
      other &&
      compact({
        priority: int(other, 'Priority'),
        sphereOfPromulgation: text(other, 'SphereOfPromulgation'),
        typerNotation: text(other, 'TyperNotation'),
        promulgationAmount: int(other, 'PromulgationAmount'),
        pageAmount: int(other, 'PageAmount'),
        direction: bool(other, 'Direction'),
        appendixes: texts(other, 'Appendixes', 'Appendix'),
      }),
    responseFor: responseFor(kid(h, 'ResponseFor')),
    steeringType: int(h, 'SteeringType'),
  });
}

export function readStatusHeader(h: Element): StatusMessage {
  const code = text(h, 'StatusCode') ?? '';
  if (!(STATUS_CODES as readonly string[]).includes(code)) {
    throw edxmlError(EdxmlErrors.unknownStatusCode, `unknown StatusCode '${code.slice(0, 20)}'`, {
      statusCode: code.slice(0, 20),
    });
  }
  const rf = responseFor(kid(h, 'ResponseFor'));
  if (!rf)
    throw edxmlError(EdxmlErrors.missingElement, 'status has no ResponseFor', { element: 'ResponseFor' });
  const timestamp = readTime(text(h, 'Timestamp'), 'Timestamp');
  if (!timestamp)
    throw edxmlError(EdxmlErrors.missingElement, 'status has no Timestamp', { element: 'Timestamp' });
  return compact({
    from: requiredOrgan(kid(h, 'From'), 'From'),
    responseFor: rf,
    staffInfo: readStaffInfo(kid(h, 'StaffInfo')),
    statusCode: code as StatusCode,
    description: text(h, 'Description'),
    timestamp,
  });
}
