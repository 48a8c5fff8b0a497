/**
 * What must never reach a log: secrets and citizen identity numbers. Keys are redacted by name wherever
 * they appear; free text is scrubbed of digit runs that look like identity numbers (9-digit old ID card,
 * 12-digit citizen ID) or phone numbers.
 */
export const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'apiKey',
  'api_key',
  'authorization',
  'cookie',
  'x-api-key',
  'MaXacThuc',
  'clientSecret',
  'client_secret',
  'key',
];

export const IDENTITY_KEYS = [
  'identityNumber',
  'identity_number',
  'idNumber',
  'SoGiayToChuHoSo',
  'SoCMNDNguoiNop',
  'SoDinhDanh',
  'soDinhDanh',
  'cccd',
  'cmnd',
];

const REDACT_KEYS = [...SECRET_KEYS, ...IDENTITY_KEYS];

/** pino `redact.paths`: each key at the top level and up to three levels deep. */
export const REDACT_PATHS: string[] = REDACT_KEYS.flatMap((k) => {
  const p = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dotted = p.startsWith('[') ? p : `.${p}`;
  return [p, `*${dotted}`, `*.*${dotted}`, `*.*.*${dotted}`];
});

// 9 to 12 digits standing alone (not part of a dossier code like 000.00.53.H48-220921-0099, whose
// digit runs are at most 6 long), optionally with a +84 prefix.
const DIGIT_RUN = /(?<![\w.-])(?:\+?84)?\d{9,12}(?![\w])/g;

export function scrubText(text: string): string {
  return text.replace(DIGIT_RUN, '[REDACTED]');
}
