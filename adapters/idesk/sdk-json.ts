/**
 * The VXP SDK reads its JSON argument with Gson's lenient `JsonParser` and puts each top-level member into
 * its header map with `getAsString()`. To build the same headers from the same argument, this reader keeps
 * what Gson keeps: member order, the last value of a repeated key in the first key's place, number and
 * boolean text exactly as written (`5`, `1.50`), and unquoted or single-quoted strings (the SDK's own
 * example sends `"docId":8af226c8-…` unquoted). It serves signing only; nothing here reads untrusted input.
 */

/** A JSON value as Gson holds it, numbers and booleans as their source text. */
export type GsonValue =
  | { t: 'string'; value: string }
  | { t: 'number' | 'boolean'; raw: string }
  | { t: 'null' }
  | { t: 'array'; items: GsonValue[] }
  | { t: 'object'; members: Map<string, GsonValue> };

/** Gson 2.2 string quoting with htmlSafe off: JSON.stringify, plus U+2028 and U+2029 escaped. */
export function gsonQuote(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** `JsonElement.getAsString()`: text of a primitive or of a one-element array; anything else throws as Gson does. */
export function gsonAsString(v: GsonValue): string {
  if (v.t === 'string') return v.value;
  if (v.t === 'number' || v.t === 'boolean') return v.raw;
  if (v.t === 'array' && v.items.length === 1) return gsonAsString(v.items[0]);
  throw new Error(`sdk json: getAsString() is not defined on a JSON ${v.t}`);
}

/** `JsonElement.toString()`: compact JSON, numbers as written. */
export function gsonToJson(v: GsonValue): string {
  switch (v.t) {
    case 'string':
      return gsonQuote(v.value);
    case 'number':
    case 'boolean':
      return v.raw;
    case 'null':
      return 'null';
    case 'array':
      return `[${v.items.map(gsonToJson).join(',')}]`;
    case 'object':
      return `{${[...v.members].map(([k, m]) => `${gsonQuote(k)}:${gsonToJson(m)}`).join(',')}}`;
  }
}

/** The members of a top-level JSON object in Gson's order. */
export function parseSdkArgument(json: string): Map<string, GsonValue> {
  const reader = new Reader(json);
  const value = reader.value();
  reader.end();
  if (value.t !== 'object') throw new Error('sdk json: the argument must be a JSON object');
  return value.members;
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LITERAL_END = /[{}[\]:,\s/\\;#='"]/;
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  value(): GsonValue {
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'") return { t: 'string', value: this.quoted() };
    const raw = this.literal();
    if (raw === 'true' || raw === 'false') return { t: 'boolean', raw };
    if (raw === 'null') return { t: 'null' };
    return NUMBER.test(raw) ? { t: 'number', raw } : { t: 'string', value: raw };
  }

  end(): void {
    if (this.peek() !== undefined) this.fail('trailing characters');
  }

  private object(): GsonValue {
    this.at += 1;
    const members = new Map<string, GsonValue>();
    if (this.peek() === '}') return (this.at++, { t: 'object', members });
    for (;;) {
      const c = this.peek();
      const key = c === '"' || c === "'" ? this.quoted() : this.literal();
      this.expect(':');
      // Map.set keeps the first position of a repeated key, as Gson's LinkedHashMap-backed JsonObject does.
      members.set(key, this.value());
      if (this.next() === '}') return { t: 'object', members };
      this.back(',');
    }
  }

  private array(): GsonValue {
    this.at += 1;
    const items: GsonValue[] = [];
    if (this.peek() === ']') return (this.at++, { t: 'array', items });
    for (;;) {
      items.push(this.value());
      if (this.next() === ']') return { t: 'array', items };
      this.back(',');
    }
  }

  private quoted(): string {
    const quote = this.text[this.at++];
    let out = '';
    for (;;) {
      const c = this.text[this.at++];
      if (c === undefined) this.fail('unterminated string');
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.at++];
      if (e === 'u') {
        const hex = this.text.slice(this.at, this.at + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.at += 4;
      } else out += ESCAPES[e] ?? e;
    }
  }

  private literal(): string {
    const start = this.at;
    while (this.at < this.text.length && !LITERAL_END.test(this.text[this.at])) this.at += 1;
    if (this.at === start) this.fail('expected a value');
    return this.text.slice(start, this.at);
  }

  private peek(): string | undefined {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at += 1;
    return this.text[this.at];
  }

  private next(): string | undefined {
    const c = this.peek();
    this.at += 1;
    return c;
  }

  private expect(c: string): void {
    if (this.next() !== c) this.fail(`expected '${c}'`);
  }

  private back(c: string): void {
    if (this.text[this.at - 1] !== c) this.fail(`expected '${c}'`);
  }

  private fail(why: string): never {
    throw new Error(`sdk json: ${why} at offset ${this.at}`);
  }
}
