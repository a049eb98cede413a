import { normaliseStateCode } from './states';

/**
 * PIN-code to state mapping by the first three digits (inclusive ranges).
 * Source: ../shared/docs/irp-protocol.md §12.2 (india-compliance STATE_PINCODE_MAPPING, "as per
 * e-Invoice Master Codes"), with the gaps it names filled as the document suggests:
 * Telangana 500-509, Ladakh 194, Other Territory 999.
 */
const PIN_PREFIX_RANGES: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>> = {
  '01': [[180, 194]],
  '02': [[171, 177]],
  '03': [[140, 160]],
  '04': [[160, 160]],
  '05': [[244, 263]],
  '06': [[121, 136]],
  '07': [[110, 110]],
  '08': [[301, 345]],
  '09': [[201, 285]],
  '10': [[800, 855]],
  '11': [[737, 737]],
  '12': [[790, 792]],
  '13': [[797, 798]],
  '14': [[795, 795]],
  '15': [[796, 796]],
  '16': [[799, 799]],
  '17': [[793, 794]],
  '18': [[781, 788]],
  '19': [[700, 743]],
  '20': [[813, 835]],
  '21': [[751, 770]],
  '22': [[490, 497]],
  '23': [[450, 488]],
  '24': [[360, 396]],
  '25': [[362, 362], [396, 396]],
  '26': [[362, 362], [396, 396]],
  '27': [[400, 445]],
  '29': [[560, 591]],
  '30': [[403, 403]],
  '31': [[682, 682]],
  '32': [[670, 695]],
  '33': [[600, 643]],
  '34': [[533, 533], [605, 605], [607, 607], [609, 609], [673, 673]],
  '35': [[744, 744]],
  '36': [[500, 509]],
  '37': [[500, 535]],
  '38': [[194, 194]],
  '97': [[999, 999]],
};

/** PIN used for addresses outside India (state 96) and for Other Territory (97). */
export const FOREIGN_PIN = 999999;

export function isPinFormat(pin: number): boolean {
  return Number.isInteger(pin) && pin >= 100000 && pin <= 999999;
}

/**
 * Whether a PIN lies in the given state. States without a known range (e.g. 28) are not checked
 * and return true; the caller validates the state code itself separately.
 */
export function pinBelongsToState(pin: number, stateCode: string | number): boolean {
  const state = normaliseStateCode(stateCode);
  if (state === undefined) return true;
  if (state === '96') return pin === FOREIGN_PIN;
  const ranges = PIN_PREFIX_RANGES[state];
  if (ranges === undefined) return true;
  const prefix = Math.floor(pin / 1000);
  return ranges.some(([lo, hi]) => prefix >= lo && prefix <= hi);
}

/**
 * Whether a PIN exists at all as far as the master's first-three-digit ranges know: a six-digit
 * number whose prefix belongs to some state (999999 stands for addresses outside India).
 */
export function pinExists(pin: number): boolean {
  if (!isPinFormat(pin)) return false;
  const prefix = Math.floor(pin / 1000);
  return Object.values(PIN_PREFIX_RANGES).some((ranges) => ranges.some(([lo, hi]) => prefix >= lo && prefix <= hi));
}

/** A PIN that belongs to the state, for generated test data (the first range's first prefix). */
export function samplePinForState(stateCode: string): number | undefined {
  const ranges = PIN_PREFIX_RANGES[stateCode];
  const first = ranges?.[0];
  return first === undefined ? undefined : first[0] * 1000 + 1;
}
