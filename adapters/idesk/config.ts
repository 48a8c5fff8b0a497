import { pollSchema } from '../../src/adapter/config-fragments';

/**
 * The document exchange's keys in `systems.idesk`: the agencies this gateway speaks for, the axis (VXP)
 * account, the agency's signing key, and how strict the edge is with what arrives. Example:
 *
 * ```yaml
 * systems:
 *   idesk:
 *     agencies: ['000.01.53.H48']
 *     vxp: { endpoint: https://vxpdungchung.vnpt.vn, systemId: vxp.saas.01, secret: ${VXP_SECRET} }
 *     signing: { keyFile: /etc/lienthong/agency.key, certificateFile: /etc/lienthong/agency.crt }
 *     verify: { allowSha1: false }
 *     direct: { '000.00.12.H48': { url: https://idesk.example.gov.vn/edxml/inbound } }
 * ```
 */
export interface IdeskConfig {
  /** Agency identifiers (QCVN 102) this gateway sends and receives for. */
  agencies: string[];
  vxp: VxpAccount;
  signing: SigningConfig;
  verify?: VerifyPolicy;
  /** Agencies whose iDesk takes edXML on its own inbound URL instead of through the axis. */
  direct?: Record<string, { url: string }>;
  poll?: { enabled?: boolean; intervalMs?: number; timeoutMs?: number };
}

export interface VxpAccount {
  /** The axis URL (`service.endpoint` of the SDK). */
  endpoint: string;
  /** `systemid`, e.g. `vxp.saas.01`. */
  systemId: string;
  /** The HMAC secret, used as UTF-8 (never base64-decoded: the official client does not). */
  secret: string;
}

export interface SigningConfig {
  /** PEM private key of the agency's signing certificate. */
  keyFile: string;
  /** PEM certificate sent in KeyInfo (with its chain after it, when the file has one). */
  certificateFile: string;
  /** `sha1` only for partners still on legacy edXML signatures. @defaultValue 'sha256' */
  algorithm?: 'sha256' | 'sha1';
}

export interface VerifyPolicy {
  /** Accept RSA-SHA1 signatures from legacy senders (flagged on the verdict). @defaultValue false */
  allowSha1?: boolean;
  /** Refuse packages without a signature. `false` accepts unsigned packages of any kind (flagged unsigned). @defaultValue true */
  requireSignature?: boolean;
  /**
   * Unsigned status messages: the VPCP SDK samples carry none (spec §2.5), so an iDesk on the other side may
   * send them bare. `accept` takes an unsigned status message (never an unsigned document), logged with an
   * `unsigned` verdict; the default fails closed. Our own status messages are always signed.
   * @defaultValue 'refuse'
   */
  unsignedStatus?: 'refuse' | 'accept';
  /** Largest package accepted, in bytes. @defaultValue 64 MiB */
  maxBytes?: number;
}

const AGENCY = { type: 'string', pattern: '^[0-9A-Z.]{1,35}$' };

export const ideskConfigSchema: Record<string, unknown> = {
  type: 'object',
  required: ['agencies', 'vxp', 'signing'],
  properties: {
    agencies: { type: 'array', minItems: 1, items: AGENCY },
    vxp: {
      type: 'object',
      additionalProperties: false,
      required: ['endpoint', 'systemId', 'secret'],
      properties: {
        endpoint: { type: 'string', pattern: '^https?://' },
        systemId: { type: 'string', pattern: '^[\\x21-\\x7e]{1,64}$' },
        secret: { type: 'string', minLength: 1, writeOnly: true },
      },
    },
    signing: {
      type: 'object',
      additionalProperties: false,
      required: ['keyFile', 'certificateFile'],
      properties: {
        keyFile: { type: 'string', minLength: 1 },
        certificateFile: { type: 'string', minLength: 1 },
        algorithm: { enum: ['sha256', 'sha1'] },
      },
    },
    verify: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowSha1: { type: 'boolean' },
        requireSignature: { type: 'boolean' },
        unsignedStatus: { enum: ['refuse', 'accept'] },
        maxBytes: { type: 'integer', minimum: 1024 },
      },
    },
    direct: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: { url: { type: 'string', pattern: '^https?://' } },
      },
    },
    poll: pollSchema(),
  },
};
