/**
 * GST state and UT codes used in GSTINs and e-invoices.
 * Source: ../shared/docs/irp-protocol.md §12.1 (GST / e-invoice state master).
 */
export const STATES: Readonly<Record<string, string>> = {
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '25': 'Daman and Diu',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '28': 'Andhra Pradesh (old)',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
  '96': 'Other Country',
  '97': 'Other Territory',
};

/** Code for a buyer or place of supply outside India. */
export const OTHER_COUNTRY = '96';
/** Code for offshore areas beyond the UTs. */
export const OTHER_TERRITORY = '97';

/** Normalises "1" and "01" to "01"; returns undefined for anything that is not 1-2 digits. */
export function normaliseStateCode(code: string | number | null | undefined): string | undefined {
  if (code === null || code === undefined) return undefined;
  const text = String(code).trim();
  if (!/^[0-9]{1,2}$/.test(text)) return undefined;
  return text.padStart(2, '0');
}

/** A state or UT inside India (01-38 and 97), i.e. a valid state for a seller or a B2B place of supply. */
export function isIndianState(code: string | number | null | undefined): boolean {
  const c = normaliseStateCode(code);
  return c !== undefined && c !== OTHER_COUNTRY && STATES[c] !== undefined;
}

/** Any code of the state master, including 96 (other country). */
export function isKnownStateCode(code: string | number | null | undefined): boolean {
  const c = normaliseStateCode(code);
  return c !== undefined && STATES[c] !== undefined;
}

export function stateName(code: string | number | null | undefined): string | undefined {
  const c = normaliseStateCode(code);
  return c === undefined ? undefined : STATES[c];
}

/** True when two state codes name the same state ("1" and "01" are equal). */
export function sameState(a: string | number | null | undefined, b: string | number | null | undefined): boolean {
  const x = normaliseStateCode(a);
  return x !== undefined && x === normaliseStateCode(b);
}
