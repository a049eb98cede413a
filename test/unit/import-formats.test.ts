/** Issue 14: each format rule of the import, on the values registers really contain. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../shared/import/cells';
import {
  excelSerialToIso, parseAmount, parseDate, parseDocType, parseHsn, parseQuantity, parseRate, parseSupplyType, parseYesNo,
} from '../../shared/import/formats';
import { parseState, parseUnit } from '../../shared/import/places';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const message = (r: { ok: boolean; message?: string }): string => (r.ok ? '' : (r.message ?? ''));

describe('amounts (paise)', () => {
  it.each<[Cell, number]>([
    ['1,23,456.78', 12345678],
    ['₹ 1,23,456', 12345600],
    ['₹1,23,45,678.5', 1234567850],
    ['Rs. 12,500/-', 1250000],
    ['INR 99.9', 9990],
    ['123,456.78', 12345678],
    ['1,234', 123400],
    ['0.05', 5],
    ['.5', 50],
    ['  42 ', 4200],
    ['-1,000.00', -100000],
    ['(2,500.00)', -250000],
    ['1,000.00-', -100000],
    [1234.5, 123450],
    [0.1 + 0.2, 30],
  ])('%j is %d paise', (cell, paise) => {
    expect(value(parseAmount(cell))).toBe(paise);
  });

  it.each<[Cell, RegExp]>([
    ['12,34,5', /grouped oddly/],
    ['1,2345', /grouped oddly/],
    ['1.234,56', /not a number/],
    ['12.345', /more than 2 decimals/],
    ['abc', /not a number/],
    ['', /not a number/],
    ['₹', /not a number/],
    [true, /not a number/],
  ])('%j is refused', (cell, why) => {
    expect(message(parseAmount(cell, 'IGST'))).toMatch(why);
  });

  it('names the field and quotes the cell', () => {
    expect(message(parseAmount('12,34,5', 'Taxable value'))).toBe('Taxable value "12,34,5" has its digits grouped oddly (write 1,23,456.78 or 123456.78)');
  });
});

describe('quantities (thousandths) and rates', () => {
  it('reads quantities with up to 3 decimals and grouping', () => {
    expect(value(parseQuantity('1,250.5'))).toBe(1_250_500);
    expect(value(parseQuantity('0.125'))).toBe(125);
    expect(value(parseQuantity(12))).toBe(12_000);
    expect(message(parseQuantity('1.2345'))).toMatch(/more than 3 decimals/);
    expect(message(parseQuantity('-3'))).toMatch(/negative/);
  });

  it('reads rates as percent, Excel percentage cells scaled', () => {
    expect(value(parseRate('18%'))).toBe(18);
    expect(value(parseRate('18.00 %'))).toBe(18);
    expect(value(parseRate('0.25'))).toBe(0.25);
    expect(value(parseRate(28))).toBe(28);
    expect(value(parseRate(0.18, 'GST rate', true))).toBe(18);
    expect(value(parseRate(0.025, 'GST rate', true))).toBe(2.5);
    expect(message(parseRate('eighteen'))).toMatch(/not a percentage/);
  });
});

describe('dates (day first, always)', () => {
  it.each<[Cell, string]>([
    ['14/11/2025', '2025-11-14'],
    ['4/5/2025', '2025-05-04'],
    ['14-11-2025', '2025-11-14'],
    ['14.11.25', '2025-11-14'],
    ['14.11.2025', '2025-11-14'],
    ['1-Apr-2025', '2025-04-01'],
    ['01-Apr-25', '2025-04-01'],
    ['05 September 2025', '2025-09-05'],
    ['5-Sept-2025', '2025-09-05'],
    ['2025-11-14', '2025-11-14'],
    ['14/11/2025 00:00:00', '2025-11-14'],
    [new Date(Date.UTC(2025, 10, 14)), '2025-11-14'],
    [45975, '2025-11-14'],
    ['45975', '2025-11-14'],
    ['29/02/2024', '2024-02-29'],
  ])('%j is %s', (cell, iso) => {
    expect(value(parseDate(cell))).toBe(iso);
  });

  it('refuses what is not a real date or reads month first', () => {
    expect(message(parseDate('11/14/2025'))).toBe('Date "11/14/2025" has month 14: dates are read day first (dd/mm/yyyy)');
    expect(message(parseDate('31/04/2025'))).toMatch(/not a real calendar date/);
    expect(message(parseDate('29/02/2025'))).toMatch(/not a real calendar date/);
    expect(message(parseDate('1-Foo-2025'))).toMatch(/unknown month/);
    expect(message(parseDate('yesterday'))).toMatch(/not a date/);
    expect(message(parseDate(12))).toMatch(/not a date/);
  });

  it('converts Excel serial numbers across the 1900 leap-year bug', () => {
    expect(excelSerialToIso(1)).toBe('1899-12-31');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
  });
});

describe('states by name, code or abbreviation', () => {
  it.each<[Cell, string]>([
    ['Maharashtra', '27'], ['MH', '27'], ['27', '27'], [27, '27'], ['7', '07'], ['mh', '27'],
    ['27-Maharashtra', '27'], ['29 - Karnataka', '29'], ['Karnataka (29)', '29'], ['Tamil Nadu', '33'], ['Tamilnadu', '33'],
    ['Orissa', '21'], ['OD', '21'], ['OR', '21'], ['Jammu & Kashmir', '01'], ['Pondicherry', '34'], ['New Delhi', '07'],
    ['Telangana', '36'], ['TS', '36'], ['TG', '36'], ['CG', '22'], ['Chhattisgarh', '22'], ['Other Country', '96'], ['Foreign', '96'],
    ['Dadra & Nagar Haveli and Daman & Diu', '26'], ['Ladakh', '38'], ['U.P.', '09'],
  ])('%j is %s', (cell, code) => {
    expect(value(parseState(cell))).toBe(code);
  });

  it('refuses unknown states and codes that contradict their names', () => {
    expect(message(parseState('Atlantis'))).toMatch(/not a state or UT/);
    expect(message(parseState('99'))).toMatch(/not a state or UT/);
    expect(message(parseState('27-Karnataka', 'Place of supply'))).toBe('Place of supply "27-Karnataka": code 27 is Maharashtra, not Karnataka');
  });
});

describe('units by UQC or common names', () => {
  it.each<[Cell, string]>([
    ['Nos', 'NOS'], ['NOS', 'NOS'], ['nos.', 'NOS'], ['pcs', 'PCS'], ['Pieces', 'PCS'], ['kg', 'KGS'], ['Kgs', 'KGS'],
    ['Ltr', 'LTR'], ['litres', 'LTR'], ['Box', 'BOX'], ['boxes', 'BOX'], ['Dozen', 'DOZ'], ['sq ft', 'SQF'], ['Sq. Ft.', 'SQF'],
    ['MT', 'MTS'], ['Tonne', 'TON'], ['Bag', 'BAG'], ['NOS-NUMBERS', 'NOS'], ['set', 'SET'],
  ])('%j is %s', (cell, uqc) => {
    expect(value(parseUnit(cell))).toBe(uqc);
  });

  it('refuses a unit it does not know', () => {
    expect(message(parseUnit('hours'))).toMatch(/not a UQC/);
  });
});

describe('codes and flags', () => {
  it('reads document types as registers write them', () => {
    expect(value(parseDocType('Tax Invoice'))).toBe('INV');
    expect(value(parseDocType('Sales'))).toBe('INV');
    expect(value(parseDocType('Credit Note'))).toBe('CRN');
    expect(value(parseDocType('C'))).toBe('CRN');
    expect(value(parseDocType('DBN'))).toBe('DBN');
    expect(message(parseDocType('Receipt'))).toMatch(/not known/);
  });

  it('reads supply types, yes/no and HSN codes', () => {
    expect(value(parseSupplyType('SEZ with payment'))).toBe('SEZWP');
    expect(value(parseSupplyType('B2B'))).toBe('B2B');
    expect(value(parseSupplyType('b2b'))).toBe('B2B');
    expect(value(parseSupplyType('WOPAY'))).toBe('EXPWOP');
    expect(value(parseYesNo('Yes'))).toBe(true);
    expect(value(parseYesNo('N'))).toBe(false);
    expect(value(parseHsn('1006 30 20'))).toBe('10063020');
    expect(value(parseHsn(401))).toBe('0401');
    expect(value(parseHsn(998311))).toBe('998311');
    expect(message(parseHsn('12345'))).toMatch(/4, 6 or 8 digits/);
  });
});
