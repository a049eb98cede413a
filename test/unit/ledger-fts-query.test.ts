import { describe, expect, it } from 'vitest';
import { ftsQuery } from '../../electron/ledger/invoice-list.repo';

describe('ftsQuery', () => {
  it('makes one phrase per typed word, only the last one a prefix', () => {
    expect(ftsQuery('kaveri trad')).toBe('"kaveri" "trad"*');
    expect(ftsQuery('BT/25-26/001')).toBe('"BT 25 26 001"*');
    expect(ftsQuery('  Kaveri   ')).toBe('"Kaveri"*');
    expect(ftsQuery('Śrī Gaṇeśa')).toBe('"Śrī" "Gaṇeśa"*');
  });

  it('turns FTS5 syntax typed by a person into plain separators', () => {
    expect(ftsQuery('"); DROP TABLE invoices; --')).toBe('"DROP" "TABLE" "invoices"*');
    expect(ftsQuery('a OR b NEAR(c)')).toBe('"a" "OR" "b" "NEAR c"*');
    expect(ftsQuery('{irn}: * ^')).toBe('"irn"*');
    expect(ftsQuery('/// -- **')).toBeUndefined();
    expect(ftsQuery('')).toBeUndefined();
  });
});
