/**
 * The billing desk's pure parts (issue 17): dates typed day first, numbering series, hints that fit
 * the rule that fired, IRP refusals placed at their field, the HSN word search's ranking.
 */
import { describe, expect, it } from 'vitest';
import { normaliseDateText, readDate } from '../../shared/date-input';
import { hintFor } from '../../shared/einvoice/hints';
import { locateViolation } from '../../shared/einvoice/locate';
import { docNoProblem, expandAffix, followOn, formatSeriesNumber, seriesCounterOf, seriesProblem } from '../../shared/einvoice/numbering';
import { loadHsnMaster } from '../../electron/app/masters';
import { nextInSeries } from '../../electron/app/numbering';
import { BUYER_MH, clone, validInvoice } from '../support/invoices';

describe('dates typed day first', () => {
  it.each([
    ['4/12/2026', '2026-12-04'],
    ['04-12-2026', '2026-12-04'],
    ['04.12.26', '2026-12-04'],
    ['4.12.26', '2026-12-04'],
    ['04122026', '2026-12-04'],
    [' 29/02/2028 ', '2028-02-29'],
    ['2026-12-04', '2026-12-04'],
  ])('%s is %s', (text, iso) => {
    expect(readDate(text)).toEqual({ ok: true, iso });
  });

  it('refuses impossible dates with a reason, never moving them to a real one', () => {
    expect(readDate('31/02/2026')).toEqual({ ok: false, empty: false, message: 'There is no 31 February 2026: February 2026 has 28 days' });
    expect(readDate('29/02/2027')).toMatchObject({ ok: false, message: expect.stringContaining('February 2027 has 28 days') as string });
    expect(readDate('31/04/2026')).toMatchObject({ ok: false, message: expect.stringContaining('April 2026 has 30 days') as string });
    expect(readDate('12/13/2026')).toMatchObject({ ok: false, message: expect.stringContaining('There is no month 13') as string });
    expect(readDate('00/12/2026')).toMatchObject({ ok: false, message: 'There is no day 0' });
    expect(readDate('next friday')).toMatchObject({ ok: false, empty: false });
    expect(readDate('  ')).toMatchObject({ ok: false, empty: true });
    expect(normaliseDateText('31/02/2026')).toBe('31/02/2026');
    expect(normaliseDateText('1-4-26')).toBe('01/04/2026');
  });
});

describe('numbering series', () => {
  const inv = { prefix: 'INV/{FY}/', digits: 4, suffix: '' };

  it('fills the financial year of the date: 31 March and 1 April are different years', () => {
    expect(formatSeriesNumber(inv, 7, '2026-03-31')).toBe('INV/25-26/0007');
    expect(formatSeriesNumber(inv, 1, '2026-04-01')).toBe('INV/26-27/0001');
    expect(expandAffix('ST/{FYYY}-', '2026-04-01')).toBe('ST/2026-27-');
  });

  it('counts on from the highest number of the series in that year, any case, ignoring others', () => {
    const used = ['INV/25-26/0001', 'inv/25-26/0009', 'INV/25-26/0004', 'MANUAL-77', 'INV/24-25/0050'];
    expect(seriesCounterOf(inv, 'inv/25-26/0009', '2026-03-31')).toBe(9);
    expect(seriesCounterOf(inv, 'INV/24-25/0050', '2026-03-31')).toBeUndefined();
    expect(nextInSeries(inv, used, '2026-03-31')).toEqual({ docNo: 'INV/25-26/0010', source: 'series' });
    expect(nextInSeries(inv, used, '2026-04-01')).toEqual({ docNo: 'INV/26-27/0001', source: 'series' });
  });

  it('refuses what the IRP would refuse: 16 characters, letters, digits, / and -', () => {
    expect(docNoProblem('INV/26-27/0001')).toBeUndefined();
    expect(docNoProblem('INVOICE/2026-27/001')).toContain('19 characters');
    expect(docNoProblem('INV 26_001')).toContain('a space, "_"');
    expect(docNoProblem('0INV1')).toContain('starts with "0"');
    expect(seriesProblem({ prefix: 'CREDITNOTE/{FYYY}/', digits: 4, suffix: '' }, '2026-11-21')).toContain('23 characters');
    expect(seriesProblem({ prefix: 'INV/{YEAR}/', digits: 4, suffix: '' }, '2026-11-21')).toContain('{YEAR} is not a placeholder');
    expect(seriesProblem({ prefix: 'INV/{FY}/', digits: 4, suffix: '' }, '2026-11-21')).toBeUndefined();
    // the running number is padded to its width: 7 digits after a 10-character prefix make 17
    expect(seriesProblem({ prefix: 'INV/{FY}/', digits: 7, suffix: '' }, '2026-11-21')).toContain('INV/26-27/0000001 has 17 characters');
    // the running number outgrows its width: past 16 characters the series has run out
    expect(nextInSeries({ prefix: 'A/', digits: 1, suffix: '' }, ['A/9'], '2026-11-21')).toEqual({ docNo: 'A/10', source: 'series' });
    expect(nextInSeries({ prefix: 'ABCDEFGHIJKLMN/', digits: 1, suffix: '' }, ['ABCDEFGHIJKLMN/9'], '2026-11-21')).toMatchObject({ source: 'series', problem: expect.stringContaining('run out') as string });
  });

  it('without a series, counts on from the last number, keeping its width', () => {
    expect(followOn('ST/26-27/0041')).toBe('ST/26-27/0042');
    expect(followOn('B-099')).toBe('B-100');
    expect(followOn('NODIGITS')).toBeUndefined();
    expect(followOn('ABCDEFGHIJKLMN99')).toBeUndefined(); // 100 would make 17 characters
  });
});

describe('hints fit the rule that fired', () => {
  it('2199: the 6-digit rule and the goods/services rule have their own hints', () => {
    const six = hintFor('2199', '6 digit HSN code is mandatory for taxpayers with greater than or equal to 5 Cr AATO: 1006 has 4 digits');
    expect(six).toContain('6- or 8-digit');
    expect(six).not.toContain('SAC');
    expect(hintFor('2199', 'Mismatch between HSN/SAC and Type of Supply: 998311 is a SAC')).toContain('Services take SAC codes');
    // the IRP's bare "HSN Error" gets the general hint, which names both
    expect(hintFor('2199', 'HSN Error')).toContain('at least 6 digits');
    expect(hintFor('3028', 'Buyer GSTIN 27AADCP1234M1ZE is invalid: its structure or check digit (last character) is wrong')).toContain('check digit');
    expect(hintFor('3028', 'GSTIN is invalid: 27AAAAA0000A1Z0 is not registered in the GSTIN master')).toContain('GST master does not know');
    expect(hintFor('2240')).toContain('notified GST rate');
  });
});

describe('IRP refusals at their field', () => {
  const sent = clone(validInvoice({ buyer: BUYER_MH }));
  sent.ShipDtls = { Gstin: '24AAACR5055K1Z7', LglNm: 'Godown', Addr1: 'GIDC', Loc: 'Vapi', Pin: 396195, Stcd: '24' };

  it('finds the item by its HSN or serial number, the party by its GSTIN', () => {
    expect(locateViolation({ code: '2199', path: '', message: 'HSN Error for HSN - 998311' }, 'ItemList[].HsnCd', sent).path).toBe('ItemList[1].HsnCd');
    expect(locateViolation({ code: '2193', path: '', message: 'For HSN - 10063020 and Sl. No - 1, AssAmt value should be...' }, 'ItemList[].AssAmt', sent).path).toBe('ItemList[0].AssAmt');
    expect(locateViolation({ code: '3028', path: '', message: 'GSTIN - 24AAACR5055K1Z7 is invalid' }, undefined, sent).path).toBe('ShipDtls.Gstin');
    expect(locateViolation({ code: '3029', path: '', message: 'GSTIN is inactive or cancelled' }, undefined, sent).path).toBe('BuyerDtls.Gstin');
    expect(locateViolation({ code: '2150', path: '', message: 'Duplicate IRN' }, undefined, sent).path).toBe('DocDtls.No');
    // no clue which item: the lines as a whole, not a wrong one
    expect(locateViolation({ code: '2176', path: '', message: 'Invalid HSN code(s)' }, 'ItemList[].HsnCd', sent).path).toBe('ItemList');
    expect(locateViolation({ code: '2244', path: '', message: 'Recipient PIN code is mandatory' }, 'BuyerDtls.Pin', sent).path).toBe('BuyerDtls.Pin');
  });
});

describe('HSN word search ranks whole words, then word starts, then the rest', () => {
  const hsn = loadHsnMaster();

  it('"rice" finds RICE before "price" or "rice-flour"-like inner matches', () => {
    const found = hsn.search('rice', 200);
    const tierOf = (d: string) => (/\brice\b/i.test(d) ? 0 : /\brice/i.test(d) ? 1 : 2);
    const tiers = found.map((e) => tierOf(e.description));
    expect(tiers[0]).toBe(0);
    // never a lower tier before a higher one
    expect([...tiers].sort((a, b) => a - b)).toEqual(tiers);
    expect(found.some((e) => e.code === '10063020')).toBe(true);
  });

  it('codes by prefix, words in any order', () => {
    expect(hsn.search('9983', 5).every((e) => e.code.startsWith('9983'))).toBe(true);
    expect(hsn.search('consulting management', 3).map((e) => e.code)).toContain('998311');
  });
});
