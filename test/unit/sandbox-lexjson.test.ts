/** The practice IRP's JSON reader: number lexemes kept, names bound case-insensitively, errors specific. */
import { describe, expect, it } from 'vitest';
import { CANONICAL_NAMES } from '../../electron/sandbox/fields';
import { JsonSyntaxError, member, parseLexical, toPlain, writeNode } from '../../electron/sandbox/lexjson';

describe('parseLexical', () => {
  it('keeps number lexemes and round-trips compact JSON byte for byte', () => {
    const text = '{"a":100.0,"b":[0,-1.50,2e3,1E-2],"c":"x\\"y\\u00e9","d":true,"e":null}';
    const node = parseLexical(text);
    // Strings are re-serialised (as NIC's serializer does): only the escape of é changes.
    expect(writeNode(node)).toBe(text.replace('\\u00e9', 'é'));
    expect(toPlain(node)).toEqual({ a: 100, b: [0, -1.5, 2000, 0.01], c: 'x"yé', d: true, e: null });
  });

  it('finds string ends after escaped quotes and escaped backslashes', () => {
    const node = parseLexical(String.raw`{"k":"a\\","m":"q\"r\\\"s","t":"\u0041\n"}`);
    expect(toPlain(node)).toEqual({ k: 'a\\', m: 'q"r\\"s', t: 'A\n' });
    expect(() => parseLexical('"raw\u0001control"')).toThrow(JsonSyntaxError);
  });

  it('ignores whitespace and a BOM, like a JSON reader', () => {
    expect(writeNode(parseLexical('\ufeff { "TotItemVal" : 118000.0  , "x" : [ ] } '))).toBe('{"TotItemVal":118000.0,"x":[]}');
  });

  it('binds known member names case-insensitively; a later duplicate wins', () => {
    const node = parseLexical('{"sellerdtls":{"GSTIN":"X","gstin":"Y"},"cnlrsn":"1","Unknown":1}', CANONICAL_NAMES);
    expect(toPlain(node)).toEqual({ SellerDtls: { Gstin: 'Y' }, CnlRsn: '1', Unknown: 1 });
    expect(member(member(node, 'SellerDtls'), 'Gstin')).toEqual({ t: 'str', v: 'Y' });
  });

  it('throws JsonSyntaxError with an offset for malformed text', () => {
    for (const bad of ['', '{', '{"a":}', '[1,]', '{"a":1}x', '01', '"open', '{"a" 1}', 'nul']) {
      expect(() => parseLexical(bad), bad).toThrow(JsonSyntaxError);
    }
    expect(() => parseLexical('[1,]')).toThrow(/offset 3/);
  });

  it('refuses nesting deeper than 64 levels instead of overflowing the stack', () => {
    expect(() => parseLexical('['.repeat(100) + ']'.repeat(100))).toThrow(/too deep/);
  });
});
