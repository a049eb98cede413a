/**
 * States and units as sales registers write them. A state by its GST code ("27", "7"), a code with
 * its name ("27-Maharashtra", as GSTR-1 writes places of supply), its name with the usual variants
 * ("Orissa", "Pondicherry", "Jammu & Kashmir") or its common two-letter abbreviation (vehicle
 * registration / ISO 3166-2:IN style: MH, KA, DL, and both CG/CT, OD/OR, TS/TG, UK/UT). A unit by its
 * UQC or a common name ("Nos", "pcs", "kg", "Ltr").
 * Names and codes: shared/gst/states.ts (irp-protocol.md §12.1); UQC: shared/gst/units.ts (§12.3).
 */
import { STATES, normaliseStateCode } from '../gst/states';
import { UQC } from '../gst/units';
import { bad, cellText, ok, shown, type Cell, type Parsed } from './cells';

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  JK: '01', HP: '02', PB: '03', CH: '04', UK: '05', UT: '05', UA: '05', HR: '06', DL: '07', RJ: '08', UP: '09',
  BR: '10', SK: '11', AR: '12', NL: '13', MN: '14', MZ: '15', TR: '16', ML: '17', AS: '18', WB: '19', JH: '20',
  OD: '21', OR: '21', CG: '22', CT: '22', MP: '23', GJ: '24', DD: '25', DN: '26', DH: '26', MH: '27', KA: '29', GA: '30',
  LD: '31', KL: '32', TN: '33', PY: '34', AN: '35', TS: '36', TG: '36', AP: '37', LA: '38', OT: '97',
};

const key = (text: string) => text.toLowerCase().replace(/&/g, 'and').replace(/[^a-z]/g, '');

/** Names from the state master plus the spellings found in registers and older masters. */
const NAMES: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [code, name] of Object.entries(STATES)) m.set(key(name), code);
  const variants: Array<[string, string]> = [
    ['Orissa', '21'], ['Pondicherry', '34'], ['Chattisgarh', '22'], ['Chhatisgarh', '22'], ['Tamilnadu', '33'],
    ['New Delhi', '07'], ['NCT of Delhi', '07'], ['Uttaranchal', '05'], ['Telengana', '36'], ['J&K', '01'],
    ['Andaman and Nicobar', '35'], ['Andaman & Nicobar Islands', '35'], ['Dadra and Nagar Haveli', '26'],
    ['Daman & Diu', '25'], ['Foreign', '96'], ['Outside India', '96'], ['Other Countries', '96'], ['Overseas', '96'],
    ['Andhra Pradesh (New)', '37'], ['Andhra Pradesh Old', '28'], ['Other Territory', '97'], ['Centre Jurisdiction', '97'],
  ];
  for (const [name, code] of variants) m.set(key(name), code);
  return m;
})();

function known(code: string | undefined): string | undefined {
  return code !== undefined && STATES[code] !== undefined ? code : undefined;
}

/** A state or UT as a 2-digit GST state code. */
export function parseState(cell: Cell, what = 'State'): Parsed<string> {
  const text = cellText(cell);
  if (text === '') return bad(`${what} is empty`);
  const code = known(normaliseStateCode(text));
  if (code) return ok(code);
  // "27-Maharashtra", "27 - Maharashtra", "Maharashtra (27)": the code decides, the name must agree
  const withCode = /^(\d{1,2})\s*[-–:]?\s*([^\d].*)$/.exec(text) ?? /^(.*?[^\d\s])\s*\(?\s*(\d{1,2})\s*\)?$/.exec(text);
  if (withCode) {
    const [first, second] = [withCode[1] ?? '', withCode[2] ?? ''];
    const [digits, name] = /^\d/.test(first) ? [first, second] : [second, first];
    const byCode = known(normaliseStateCode(digits));
    const byName = NAMES.get(key(name)) ?? ABBREVIATIONS[name.trim().toUpperCase()];
    if (byCode && (!byName || byName === byCode)) return ok(byCode);
    if (byCode && byName) return bad(`${what} ${shown(cell)}: code ${digits} is ${STATES[byCode] ?? '?'}, not ${name.trim()}`);
  }
  const byName = NAMES.get(key(text));
  if (byName) return ok(byName);
  const abbr = ABBREVIATIONS[text.replace(/\./g, '').trim().toUpperCase()];
  if (abbr) return ok(abbr);
  return bad(`${what} ${shown(cell)} is not a state or UT (write its name, its GST code such as 27, or an abbreviation such as MH)`);
}

/** Common unit names → UQC. Plurals and dots are handled by the lookup (see `unitKey`). */
const UNIT_NAMES: Readonly<Record<string, string>> = {
  no: 'NOS', nos: 'NOS', num: 'NOS', number: 'NOS', numbers: 'NOS', each: 'NOS', ea: 'NOS',
  pc: 'PCS', pcs: 'PCS', piece: 'PCS', pieces: 'PCS',
  kg: 'KGS', kgs: 'KGS', kilo: 'KGS', kilos: 'KGS', kilogram: 'KGS', kilograms: 'KGS',
  g: 'GMS', gm: 'GMS', gms: 'GMS', gram: 'GMS', grams: 'GMS', gr: 'GMS',
  l: 'LTR', lt: 'LTR', ltr: 'LTR', ltrs: 'LTR', litre: 'LTR', litres: 'LTR', liter: 'LTR', liters: 'LTR',
  ml: 'MLT', millilitre: 'MLT', milliliter: 'MLT',
  m: 'MTR', mt: 'MTS', mtr: 'MTR', mtrs: 'MTR', metre: 'MTR', metres: 'MTR', meter: 'MTR', meters: 'MTR',
  cm: 'CMS', centimetre: 'CMS', centimeter: 'CMS', km: 'KME', kilometre: 'KME', kilometer: 'KME',
  ton: 'TON', tons: 'TON', tonne: 'TON', tonnes: 'TON', metricton: 'MTS', metrictonne: 'MTS',
  qtl: 'QTL', quintal: 'QTL', quintals: 'QTL',
  box: 'BOX', boxes: 'BOX', bag: 'BAG', bags: 'BAG', bottle: 'BTL', bottles: 'BTL', btls: 'BTL',
  carton: 'CTN', cartons: 'CTN', ctns: 'CTN', can: 'CAN', cans: 'CAN', drum: 'DRM', drums: 'DRM',
  dozen: 'DOZ', dozens: 'DOZ', dz: 'DOZ', pair: 'PRS', pairs: 'PRS', pr: 'PRS', set: 'SET', sets: 'SET',
  roll: 'ROL', rolls: 'ROL', bundle: 'BDL', bundles: 'BDL', pack: 'PAC', packs: 'PAC', pkt: 'PAC', packet: 'PAC', packets: 'PAC',
  tube: 'TUB', tubes: 'TUB', tablet: 'TBS', tablets: 'TBS', bale: 'BAL', bales: 'BAL',
  unit: 'UNT', units: 'UNT', sqft: 'SQF', squarefeet: 'SQF', squarefoot: 'SQF', sqm: 'SQM', sqmtr: 'SQM', squaremetre: 'SQM',
  squaremeter: 'SQM', sqyd: 'SQY', sqyds: 'SQY', cbm: 'CBM', cubicmetre: 'CBM', cubicmeter: 'CBM', ccm: 'CCM', cc: 'CCM',
  kl: 'KLR', kilolitre: 'KLR', yard: 'YDS', yards: 'YDS', yd: 'YDS', gross: 'GRS', thousand: 'THD', thousands: 'THD',
  others: 'OTH', other: 'OTH',
};

const unitKey = (text: string) => text.toLowerCase().replace(/[\s.]/g, '');

/** A unit as its UQC ("Nos" → NOS, "pcs" → PCS, "kg" → KGS). */
export function parseUnit(cell: Cell): Parsed<string> {
  const text = cellText(cell);
  const code = text.toUpperCase().replace(/[\s.]/g, '');
  // "NOS-NUMBERS", the form GSTR-1's HSN table uses
  const head = code.split('-')[0] ?? '';
  if (UQC[code] !== undefined) return ok(code);
  if (UQC[head] !== undefined && code.includes('-')) return ok(head);
  const byName = UNIT_NAMES[unitKey(text)];
  if (byName) return ok(byName);
  return bad(`Unit ${shown(cell)} is not a UQC or a unit name this app knows (for example NOS, PCS, KGS, LTR, BOX)`);
}
