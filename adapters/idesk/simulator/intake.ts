import { LtError } from '../../../src/errors';
import type { VxpMessageType } from '../wire';
import { edxmlAddressing } from './routing';
import type { StoredPackage, VxpSimulatorState } from './state';

/**
 * A business refusal of the simulated axis, answered `{status:"FAIL", ErrorCode, ErrorDesc}` with HTTP
 * 200 (the SDK reads bodies only on 200/201). The codes are the simulator's own, shaped like HTTP
 * statuses ("400" bad parameter, "403" not your agency, "404" unknown document or agency): the real axis'
 * table is unknown [U].
 */
export class VxpBusinessError extends Error {
  constructor(
    readonly errorCode: '400' | '403' | '404',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Takes in a package (from `sendEdoc` or a planted one): recipients from `to` when given, else from the
 * edXML header (To, or ResponseFor for a status); every recipient must be a registered agency.
 */
export function intake(
  state: VxpSimulatorState,
  input: { bytes: Buffer; from?: string; to?: string[]; messagetype: VxpMessageType; senderSystem: string },
): StoredPackage {
  let to = input.to;
  let from = input.from;
  if (!to || !from) {
    let addressing: ReturnType<typeof edxmlAddressing>;
    try {
      addressing = edxmlAddressing(input.bytes);
    } catch (err) {
      const why = err instanceof LtError ? `${err.code}: ${err.detail}` : String(err);
      throw new VxpBusinessError('400', `Không đọc được gói edXML (cannot read the edXML header): ${why}`);
    }
    to ??= addressing.to;
    from ??= addressing.from;
  }
  if (to.length === 0)
    throw new VxpBusinessError('400', 'Không có đơn vị nhận (no recipient in to nor in the edXML)');
  if (!from) throw new VxpBusinessError('400', 'Thiếu đơn vị gửi (no sender agency)');
  const unknown = to.filter((code) => !state.knowsAgency(code));
  if (unknown.length > 0)
    throw new VxpBusinessError('404', `Đơn vị nhận không tồn tại (unknown agency): ${unknown.join(', ')}`);
  return state.store({
    bytes: input.bytes,
    from,
    to,
    messagetype: input.messagetype,
    senderSystem: input.senderSystem,
  });
}
