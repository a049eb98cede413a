import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, financialYear, formatDocDate, formatIstDateTime, istDateOf, parseDocDate, parseIstDateTime } from '../../shared/dates';
import { amountInWords, divRound, formatInr, formatQuantity, groupIndian, mulDivRound, numberInWords, toPaise } from '../../shared/money';

describe('money in paise, Indian style', () => {
  it('groups digits by lakh and crore', () => {
    expect(groupIndian('118000')).toBe('1,18,000');
    expect(groupIndian('123456789')).toBe('12,34,56,789');
    expect(groupIndian('999')).toBe('999');
    expect(formatInr(11_800_050)).toBe('₹1,18,000.50');
    expect(formatInr(-1200)).toBe('-₹12.00');
    expect(formatInr(100_000_000_000, { symbol: false })).toBe('1,00,00,00,000.00');
    expect(formatQuantity(1_000_500)).toBe('1,000.5');
  });

  it('writes amounts in words the Indian way', () => {
    expect(amountInWords(11_800_050)).toBe('Rupees One Lakh Eighteen Thousand and Fifty Paise Only');
    expect(amountInWords(100)).toBe('Rupees One Only');
    expect(amountInWords(1_234_567_890_12)).toBe('Rupees One Hundred Twenty Three Crore Forty Five Lakh Sixty Seven Thousand Eight Hundred Ninety and Twelve Paise Only');
    expect(numberInWords(0)).toBe('Zero');
    expect(numberInWords(10_000_000_000_000)).toBe('Ten Lakh Crore');
    expect(numberInWords(101)).toBe('One Hundred One');
  });

  it('rounds half away from zero, exactly, even past 2^53', () => {
    expect(divRound(5, 10)).toBe(1);
    expect(divRound(-5, 10)).toBe(-1);
    expect(divRound(4, 10)).toBe(0);
    // 99,999,999,999,999 paise × 28 % = 27,999,999,999,999.72 paise, which rounds to 28,000,000,000,000 (BigInt path)
    expect(mulDivRound(99_999_999_999_999, 28_000, 100_000)).toBe(28_000_000_000_000);
    expect(mulDivRound(99_999_999_999_997, 1, 2)).toBe(49_999_999_999_999);
    expect(toPaise(0.29)).toBe(29);
    expect(toPaise(0.07)).toBe(7);
    expect(toPaise(99_999_999_999.99)).toBe(9_999_999_999_999);
  });
});

describe('IST dates', () => {
  it('converts instants to IST dates and IRP timestamps', () => {
    const t = new Date('2026-11-20T19:00:00Z');
    expect(istDateOf(t)).toBe('2026-11-21');
    expect(formatIstDateTime(t)).toBe('2026-11-21 00:30:00');
    expect(parseIstDateTime('2026-11-21 00:30:00')!.toISOString()).toBe('2026-11-20T19:00:00.000Z');
    expect(parseIstDateTime('21/11/2026')).toBeUndefined();
  });

  it('parses dd/mm/yyyy strictly and computes financial years', () => {
    expect(parseDocDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDocDate('29/02/2023')).toBeUndefined();
    expect(formatDocDate('2026-11-05')).toBe('05/11/2026');
    expect(financialYear('2022-09-16')).toBe('2022-23');
    expect(financialYear('2024-03-15')).toBe('2023-24');
    expect(financialYear('2099-04-01')).toBe('2099-00');
    expect(daysBetween('2026-10-22', '2026-11-21')).toBe(30);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });
});
