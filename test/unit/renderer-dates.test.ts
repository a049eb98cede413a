import { describe, expect, it } from 'vitest';
import { irpDateTime, istDisplay, istTime } from '../../renderer/src/format';

describe('dates on screen (IST, dd/mm/yyyy)', () => {
  it('shows an instant in IST', () => {
    expect(istDisplay('2026-11-21T18:29:34.000Z')).toBe('21/11/2026 23:59');
    expect(istDisplay('2026-11-21T18:30:00.000Z')).toBe('22/11/2026 00:00');
    expect(istTime('2026-11-21T11:45:07.000Z')).toBe('17:15:07');
    expect(istDisplay('not a date')).toBe('not a date');
  });

  it('turns the IRP\'s yyyy-MM-dd dates around and leaves anything else alone', () => {
    expect(irpDateTime('2026-11-21 17:29:34')).toBe('21/11/2026 17:29:34');
    expect(irpDateTime('2026-11-27 11:59:00 PM')).toBe('27/11/2026 11:59:00 PM');
    expect(irpDateTime('2026-11-21')).toBe('21/11/2026');
    expect(irpDateTime('21/11/2026 05:30:00 PM')).toBe('21/11/2026 05:30:00 PM');
    expect(irpDateTime(undefined)).toBe('');
  });
});
