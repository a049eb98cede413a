/**
 * A small JSON reader that keeps each number's lexeme ("100.0" stays "100.0") and binds member
 * names case-insensitively, so the signed invoice can echo numbers at the scale the client sent
 * (irp-protocol.md §7.2, §13.12) and "cnlrsn" binds like "CnlRsn" (NIC's ASP.NET binder, §0).
 */

export type JNode =
  | { t: 'obj'; entries: Array<[string, JNode]> }
  | { t: 'arr'; items: JNode[] }
  | { t: 'num'; text: string }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'null' };

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/** JSON forbids raw control characters inside strings; JSON.parse reports them. */
function hasControlChar(text: string): boolean {
  for (let k = 0; k < text.length; k += 1) if (text.charCodeAt(k) < 0x20) return true;
  return false;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 64;

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  fail(what: string): never {
    throw new JsonSyntaxError(`${what} at offset ${this.i}`);
  }

  ws(): void {
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
      this.i += 1;
    }
  }

  value(depth: number): JNode {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.ws();
    const c = this.s.charAt(this.i);
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return { t: 'str', v: this.string() };
    if (this.s.startsWith('true', this.i)) return this.word('true', { t: 'bool', v: true });
    if (this.s.startsWith('false', this.i)) return this.word('false', { t: 'bool', v: false });
    if (this.s.startsWith('null', this.i)) return this.word('null', { t: 'null' });
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (!m) this.fail('unexpected character');
    this.i += m[0].length;
    return { t: 'num', text: m[0] };
  }

  word(w: string, node: JNode): JNode {
    this.i += w.length;
    return node;
  }

  string(): string {
    const start = this.i;
    let escaped = false;
    let j = start + 1;
    for (;;) {
      const q = this.s.indexOf('"', j);
      if (q < 0) this.fail('unterminated string');
      // A quote preceded by an odd number of backslashes is escaped.
      let b = q - 1;
      while (this.s.charCodeAt(b) === 92) b -= 1;
      if ((q - 1 - b) % 2 === 0) {
        this.i = q + 1;
        break;
      }
      escaped = true;
      j = q + 1;
    }
    const body = this.s.slice(start + 1, this.i - 1);
    if (!escaped && body.indexOf('\\') < 0 && !hasControlChar(body)) return body;
    try {
      return JSON.parse(this.s.slice(start, this.i)) as string;
    } catch {
      return this.fail('bad string escape');
    }
  }

  object(depth: number): JNode {
    this.i += 1;
    const entries: Array<[string, JNode]> = [];
    this.ws();
    if (this.s.charAt(this.i) === '}') {
      this.i += 1;
      return { t: 'obj', entries };
    }
    for (;;) {
      this.ws();
      if (this.s.charAt(this.i) !== '"') this.fail('expected a member name');
      const key = this.string();
      this.ws();
      if (this.s.charAt(this.i) !== ':') this.fail('expected ":"');
      this.i += 1;
      entries.push([key, this.value(depth + 1)]);
      this.ws();
      const c = this.s.charAt(this.i);
      this.i += 1;
      if (c === '}') return { t: 'obj', entries };
      if (c !== ',') this.fail('expected "," or "}"');
    }
  }

  array(depth: number): JNode {
    this.i += 1;
    const items: JNode[] = [];
    this.ws();
    if (this.s.charAt(this.i) === ']') {
      this.i += 1;
      return { t: 'arr', items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.s.charAt(this.i);
      this.i += 1;
      if (c === ']') return { t: 'arr', items };
      if (c !== ',') this.fail('expected "," or "]"');
    }
  }
}

/** Parses JSON text; member names found in `canonical` (lower-case → spelling) are renamed. */
export function parseLexical(text: string, canonical?: ReadonlyMap<string, string>): JNode {
  const r = new Reader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const node = r.value(0);
  r.ws();
  if (r.i !== r.s.length) r.fail('unexpected text after the JSON value');
  return canonical ? canonicalise(node, canonical) : node;
}

function canonicalise(node: JNode, canonical: ReadonlyMap<string, string>): JNode {
  if (node.t === 'arr') return { t: 'arr', items: node.items.map((n) => canonicalise(n, canonical)) };
  if (node.t !== 'obj') return node;
  // Later members win over earlier ones that bind to the same name, as a model binder would.
  const out = new Map<string, JNode>();
  for (const [k, v] of node.entries) {
    const name = canonical.get(k.toLowerCase()) ?? k;
    out.delete(name);
    out.set(name, canonicalise(v, canonical));
  }
  return { t: 'obj', entries: [...out.entries()] };
}

/** The plain JavaScript value of a node (numbers parsed from their lexemes). */
export function toPlain(node: JNode): unknown {
  switch (node.t) {
    case 'obj':
      return Object.fromEntries(node.entries.map(([k, v]) => [k, toPlain(v)]));
    case 'arr':
      return node.items.map(toPlain);
    case 'num':
      return Number(node.text);
    case 'str':
    case 'bool':
      return node.v;
    case 'null':
      return null;
  }
}

/** Compact JSON of a node, numbers written exactly as received. */
export function writeNode(node: JNode): string {
  switch (node.t) {
    case 'obj':
      return `{${node.entries.map(([k, v]) => `${JSON.stringify(k)}:${writeNode(v)}`).join(',')}}`;
    case 'arr':
      return `[${node.items.map(writeNode).join(',')}]`;
    case 'num':
      return node.text;
    case 'str':
      return JSON.stringify(node.v);
    case 'bool':
      return node.v ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

/** A member of an object node by its (canonical) name. */
export function member(node: JNode | undefined, name: string): JNode | undefined {
  if (node?.t !== 'obj') return undefined;
  for (const [k, v] of node.entries) if (k === name) return v;
  return undefined;
}

/** A member looked up case-insensitively (for envelopes such as {"Data": ...} / {"data": ...}). */
export function memberCi(node: JNode | undefined, name: string): JNode | undefined {
  if (node?.t !== 'obj') return undefined;
  const lower = name.toLowerCase();
  let found: JNode | undefined;
  for (const [k, v] of node.entries) if (k.toLowerCase() === lower) found = v;
  return found;
}
