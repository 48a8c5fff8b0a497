/** Writes the `MessageHeader` and `TraceHeaderList` elements, in the element order of the VXP SDK samples. */
import { writeDate, writeTime } from './dates';
import type {
  Bussiness,
  MessageHeader,
  Organ,
  ResponseFor,
  StaffInfo,
  StatusMessage,
  TraceHeader,
} from './types';
import { group, leaf } from './xml-writer';
import type { XNode } from './xml-writer';

/** Envelope elements carry the `edXML:` prefix, as in every sample. */
const P = 'edXML:';
const l = (tag: string, value: string | number | boolean | undefined) => leaf(P + tag, value);
const date = (value: string | undefined, tag: string) =>
  value === undefined ? undefined : writeDate(value, tag);

function organ(tag: 'From' | 'To', o: Organ): XNode {
  return {
    tag: P + tag,
    kids: [
      l('OrganId', o.organId),
      l('OrganizationInCharge', o.organizationInCharge),
      l('OrganName', o.organName),
      l('OrganAdd', o.organAdd),
      l('Email', o.email),
      l('Telephone', o.telephone),
      l('Fax', o.fax),
      l('Website', o.website),
    ],
  };
}

function staffInfo(s: StaffInfo | undefined): XNode | undefined {
  return group(P + 'StaffInfo', s, (v) => [
    l('Department', v.department),
    l('Staff', v.staff),
    l('Email', v.email),
    l('Mobile', v.mobile),
  ]);
}

function responseFor(r: ResponseFor | undefined): XNode | undefined {
  return group(P + 'ResponseFor', r, (v) => [
    l('OrganId', v.organId),
    l('Code', v.code),
    l('PromulgationDate', date(v.promulgationDate, 'ResponseFor/PromulgationDate')),
    l('DocumentId', v.documentId),
  ]);
}

const list = (outer: string, inner: string, values: string[] | undefined) =>
  group(P + outer, values, (vs) => vs.map((v) => l(inner, v)));

export function writeMessageHeader(h: MessageHeader): XNode {
  return {
    tag: P + 'MessageHeader',
    kids: [
      organ('From', h.from),
      ...h.to.map((t) => organ('To', t)),
      l('DocumentId', h.documentId),
      group(P + 'Code', h.code, (c) => [l('CodeNumber', c.codeNumber), l('CodeNotation', c.codeNotation)]),
      group(P + 'PromulgationInfo', h.promulgationInfo, (p) => [
        l('Place', p.place),
        l('PromulgationDate', date(p.promulgationDate, 'PromulgationDate')),
      ]),
      group(P + 'DocumentType', h.documentType, (t) => [
        l('Type', t.type),
        l('TypeDetail', t.typeDetail),
        l('TypeName', t.typeName),
      ]),
      l('Subject', h.subject),
      l('Content', h.content),
      group(P + 'SignerInfo', h.signerInfo, (s) => [
        l('Competence', s.competence),
        l('Position', s.position),
        l('FullName', s.fullName),
      ]),
      l('DueDate', date(h.dueDate, 'DueDate')),
      group(P + 'OtherInfo', h.otherInfo, (o) => [
        l('Priority', o.priority),
        l('SphereOfPromulgation', o.sphereOfPromulgation),
        l('TyperNotation', o.typerNotation),
        l('PromulgationAmount', o.promulgationAmount),
        l('PageAmount', o.pageAmount),
        l('Direction', o.direction),
        list('Appendixes', 'Appendix', o.appendixes),
      ]),
      responseFor(h.responseFor),
      l('SteeringType', h.steeringType),
      list('ToPlaces', 'Place', h.toPlaces),
    ],
  };
}

function bussiness(b: Bussiness | undefined): XNode | undefined {
  return group(P + 'Bussiness', b, (v) => [
    l('DocumentId', v.documentId),
    l('BussinessDocType', v.bussinessDocType),
    l('BussinessDocReason', v.bussinessDocReason),
    l('Paper', v.paper),
    group(P + 'BussinessDocumentInfo', v.bussinessDocumentInfo, (i) => [
      l('DocumentInfo', i.documentInfo),
      l('DocumentReceiver', i.documentReceiver),
      group(P + 'ReceiverList', i.receivers, (rs) =>
        rs.map((r) => ({
          tag: P + 'Receiver',
          kids: [l('OrganId', r.organId), l('ReceiverType', r.receiverType)],
        })),
      ),
    ]),
    group(P + 'ReplacementInfoList', v.replacementInfo, (rs) =>
      rs.map((r) => ({
        tag: P + 'ReplacementInfo',
        kids: [l('DocumentId', r.documentId), list('OrganIdList', 'OrganId', r.organIds)],
      })),
    ),
    staffInfo(v.staffInfo),
  ]);
}

/** The TraceHeaderList, or undefined when there is neither a hop nor a Bussiness to write. */
export function writeTrace(trace: TraceHeader[], b: Bussiness | undefined): XNode | undefined {
  if (trace.length === 0 && b === undefined) return undefined;
  const hops = trace.map((t) => ({
    tag: P + 'TraceHeader',
    kids: [
      l('OrganId', t.organId),
      l('Timestamp', t.timestamp === undefined ? undefined : writeTime(t.timestamp, 'TraceHeader/Timestamp')),
    ],
  }));
  return { tag: P + 'TraceHeaderList', kids: [...hops, bussiness(b)] };
}

export function writeStatusHeader(s: StatusMessage): XNode {
  return {
    tag: P + 'MessageHeader',
    kids: [
      organ('From', s.from),
      responseFor(s.responseFor),
      staffInfo(s.staffInfo),
      l('StatusCode', s.statusCode),
      l('Description', s.description),
      l('Timestamp', writeTime(s.timestamp, 'Timestamp')),
    ],
  };
}
