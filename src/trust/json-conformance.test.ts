import fs from 'node:fs';
import path from 'node:path';
import { isLtError } from '../errors';
import { vectorDir } from '../../test/vectors';
import { parseSafeJson } from './json';
import { TrustReasons } from './verdict';

const SUITE = vectorDir('other', 'json-test-suite', 'test_parsing');
const POLLUTION = vectorDir('other', 'prototype-pollution-json');
const files = fs
  .readdirSync(SUITE)
  .filter((f) => f.endsWith('.json'))
  .sort();
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f));

type Outcome = 'accepted' | string;
function outcome(bytes: Buffer): Outcome {
  try {
    parseSafeJson(bytes);
    return 'accepted';
  } catch (err) {
    // Anything but a typed refusal (a crash, a RangeError from a deep stack) fails the test.
    if (!isLtError(err)) throw err;
    return err.code;
  }
}

/**
 * The implementation-defined files the gateway refuses on purpose: invalid UTF-8 (a partner's text must be
 * text), and nesting beyond 64 levels (no canonical document is that deep). Every other i_ file is accepted.
 */
const REFUSED_I = new Map<string, string>([
  ['i_string_UTF-16LE_with_BOM.json', TrustReasons.jsonMalformed],
  ['i_string_UTF-8_invalid_sequence.json', TrustReasons.jsonMalformed],
  ['i_string_UTF8_surrogate_U+D800.json', TrustReasons.jsonMalformed],
  ['i_string_invalid_utf-8.json', TrustReasons.jsonMalformed],
  ['i_string_iso_latin_1.json', TrustReasons.jsonMalformed],
  ['i_string_lone_utf8_continuation_byte.json', TrustReasons.jsonMalformed],
  ['i_string_not_in_unicode_range.json', TrustReasons.jsonMalformed],
  ['i_string_overlong_sequence_2_bytes.json', TrustReasons.jsonMalformed],
  ['i_string_overlong_sequence_6_bytes.json', TrustReasons.jsonMalformed],
  ['i_string_overlong_sequence_6_bytes_null.json', TrustReasons.jsonMalformed],
  ['i_string_truncated-utf-8.json', TrustReasons.jsonMalformed],
  ['i_string_utf16BE_no_BOM.json', TrustReasons.jsonMalformed],
  ['i_string_utf16LE_no_BOM.json', TrustReasons.jsonMalformed],
  ['i_structure_500_nested_arrays.json', TrustReasons.jsonTooDeep],
]);

describe('JSON conformance (JSONTestSuite, prototype pollution) of parseSafeJson', () => {
  const counts = { y: 0, n: 0, i: 0, pollution: 0 };
  afterAll(() => {
    const total = (p: string) => files.filter((f) => f.startsWith(p)).length;
    console.log(
      `json vectors: y ${counts.y}/${total('y_')} accepted, n ${counts.n}/${total('n_')} rejected, ` +
        `i ${counts.i}/${total('i_')} by policy, pollution ${counts.pollution} as expected`,
    );
  });

  it.each(files.filter((f) => f.startsWith('y_')))('%s is accepted', (f) => {
    expect(outcome(read(SUITE, f))).toBe('accepted');
    counts.y++;
  });

  it.each(files.filter((f) => f.startsWith('n_')))('%s is refused with a json reason', (f) => {
    expect(outcome(read(SUITE, f))).toMatch(/^LT_JSON_/);
    counts.n++;
  });

  it.each(files.filter((f) => f.startsWith('i_')))('%s follows the policy', (f) => {
    expect(outcome(read(SUITE, f))).toBe(REFUSED_I.get(f) ?? 'accepted');
    counts.i++;
  });

  const cases = JSON.parse(read(POLLUTION, 'cases.json').toString('utf8')) as Array<{
    file: string;
    expected: string;
  }>;
  it.each(cases)('$file: $expected', ({ file, expected }) => {
    const got = outcome(read(POLLUTION, file));
    if (expected.startsWith('REJECT')) expect(got).toBe(TrustReasons.jsonForbiddenKey);
    else expect(got).toBe('accepted');
    counts.pollution++;
  });

  it('refuses 100 000 opening brackets before any recursive parser sees them', () => {
    expect(outcome(read(SUITE, 'n_structure_100000_opening_arrays.json'))).toBe(TrustReasons.jsonTooDeep);
    expect(outcome(Buffer.from('"[[[[[[[["'))).toBe('accepted');
    expect(outcome(Buffer.from('{"a":"\\\\"}'))).toBe('accepted');
  });

  it('refuses oversized input and tolerates one byte-order mark', () => {
    expect(() => parseSafeJson('[1,2,3]', { maxBytes: 3 })).toThrow(
      expect.objectContaining({ code: TrustReasons.jsonTooLarge }),
    );
    expect(parseSafeJson(Buffer.from('\uFEFF{"a":1}'))).toEqual({ a: 1 });
  });
});
