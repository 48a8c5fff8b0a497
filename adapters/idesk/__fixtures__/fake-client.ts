import type { VxpClient, VxpExchange } from '../client';
import type { VxpAckStatus, VxpMessageType, VxpReceivedItem } from '../wire';

/** One call the fake axis client was asked to make, in the order asked. */
export type FakeCall =
  | { call: 'sendEdoc'; edxml: Buffer; from: string; to?: string[]; messagetype?: VxpMessageType }
  | { call: 'getReceivedEdocList'; messagetype: VxpMessageType }
  | { call: 'getEdoc'; docId: string }
  | { call: 'updateStatus'; docId: string; status: VxpAckStatus };

export interface FakeVxpClient {
  /** Typed as the real client for the code under test; only the calls below exist. */
  client: VxpClient;
  calls: FakeCall[];
  sent(): Array<Extract<FakeCall, { call: 'sendEdoc' }>>;
  acks(): Array<[string, VxpAckStatus]>;
}

const exchange = (url: string, body: Buffer): VxpExchange => ({
  wire: { method: 'POST', url, contentType: 'application/octet-stream', headers: [], body },
  response: { status: 200, contentType: 'application/json', body: Buffer.from('{"ErrorCode":"0"}') },
});

/**
 * An in-memory axis: records every call; `inbox` lists what `getReceivedEdocList` offers per message
 * type, and `packages` the bytes `getEdoc` returns per docId. `sendEdoc` answers docIds `vxp-1`, `vxp-2`…
 */
export function fakeVxpClient(
  options: {
    inbox?: Partial<Record<VxpMessageType, string[]>>;
    packages?: Record<string, Buffer>;
  } = {},
): FakeVxpClient {
  const calls: FakeCall[] = [];
  let docIds = 0;
  const item = (docId: string, messageType: string): VxpReceivedItem => ({
    docId,
    serviceType: 'eDoc',
    messageType,
    created_time: '',
    updated_time: '',
    from: '',
    to: '',
    status: 'initial',
    status_desc: '',
  });
  const fake = {
    async sendEdoc(edxml: Buffer, params: { from: string; to?: string[]; messagetype?: VxpMessageType }) {
      calls.push({ call: 'sendEdoc', edxml, ...params });
      docIds += 1;
      return { ...exchange('http://vxp.test/sendEdoc', edxml), docId: `vxp-${docIds}` };
    },
    async getReceivedEdocList(params: { messagetype: VxpMessageType }) {
      calls.push({ call: 'getReceivedEdocList', messagetype: params.messagetype });
      const items = (options.inbox?.[params.messagetype] ?? []).map((id) => item(id, params.messagetype));
      return { ...exchange('http://vxp.test/getReceivedEdocList', Buffer.alloc(0)), items };
    },
    async getEdoc(docId: string) {
      calls.push({ call: 'getEdoc', docId });
      const edxml = options.packages?.[docId] ?? Buffer.from(`<package id="${docId}"/>`);
      return { ...exchange('http://vxp.test/getEdoc', Buffer.from('{}')), edxml };
    },
    async updateStatus(docId: string, status: VxpAckStatus) {
      calls.push({ call: 'updateStatus', docId, status });
      return exchange('http://vxp.test/updateStatus', Buffer.from('{}'));
    },
    close() {},
  };
  return {
    client: fake as unknown as VxpClient,
    calls,
    sent: () => calls.filter((c): c is Extract<FakeCall, { call: 'sendEdoc' }> => c.call === 'sendEdoc'),
    acks: () =>
      calls.flatMap((c) =>
        c.call === 'updateStatus' ? [[c.docId, c.status] as [string, VxpAckStatus]] : [],
      ),
  };
}
