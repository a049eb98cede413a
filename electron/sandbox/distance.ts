/**
 * PIN-to-PIN distance for e-way bills sent with Distance 0 (irp-protocol.md §9.2). NIC uses a
 * master table we do not have: known pairs come from real NIC responses; every other pair gets a
 * deterministic estimate from the PIN's two-digit postal region (approximate location of its main
 * city, public knowledge) — great-circle distance × 1.25 for roads, plus a few kilometres that
 * depend on the exact PINs so neighbouring PINs differ. Estimates are never used to reject (4038).
 */

/** Real PIN-to-PIN distances reported by NIC's sandbox (team kit fixtures, EWBPPD "2467KM"). */
const KNOWN: ReadonlyArray<readonly [number, number, number]> = [[193501, 500055, 2467]];

/** Two-digit postal region → [latitude, longitude] of its main city (approximate). */
const REGIONS: Readonly<Record<number, readonly [number, number]>> = {
  11: [28.61, 77.21], 12: [28.46, 77.03], 13: [30.38, 76.78], 14: [30.9, 75.85], 15: [30.21, 74.95],
  16: [30.73, 76.78], 17: [31.1, 77.17], 18: [32.73, 74.86], 19: [34.08, 74.8], 20: [28.2, 78.0],
  21: [25.44, 81.85], 22: [26.85, 80.95], 23: [26.2, 81.2], 24: [30.3, 78.0], 25: [29.0, 77.7],
  26: [29.4, 79.5], 27: [26.76, 83.37], 28: [27.18, 78.01], 30: [26.91, 75.79], 31: [26.45, 74.64],
  32: [25.18, 75.83], 33: [28.02, 73.31], 34: [26.24, 73.02], 36: [22.3, 70.8], 37: [23.24, 69.67],
  38: [23.02, 72.57], 39: [21.7, 72.97], 40: [19.08, 72.88], 41: [18.52, 73.86], 42: [20.0, 73.79],
  43: [19.88, 75.34], 44: [21.15, 79.09], 45: [22.72, 75.86], 46: [23.26, 77.41], 47: [26.22, 78.18],
  48: [23.18, 79.99], 49: [21.25, 81.63], 50: [17.39, 78.49], 51: [15.83, 78.04], 52: [16.51, 80.65],
  53: [17.69, 83.22], 56: [12.97, 77.59], 57: [12.3, 76.64], 58: [15.36, 75.12], 59: [15.85, 74.5],
  60: [13.08, 80.27], 61: [12.2, 79.3], 62: [9.93, 78.12], 63: [11.66, 78.15], 64: [11.02, 76.96],
  67: [11.26, 75.78], 68: [9.93, 76.27], 69: [8.52, 76.94], 70: [22.57, 88.36], 71: [22.59, 88.26],
  72: [22.42, 87.32], 73: [26.73, 88.4], 74: [23.4, 88.5], 75: [20.3, 85.82], 76: [19.31, 84.79],
  77: [21.47, 83.97], 78: [26.14, 91.74], 79: [25.58, 91.89], 80: [25.59, 85.14], 81: [25.24, 86.98],
  82: [23.99, 85.36], 83: [23.34, 85.31], 84: [26.12, 85.39], 85: [25.78, 87.47],
};

export const MAX_DISTANCE_KM = 4000;

function region(pin: number): readonly [number, number] | undefined {
  const r = Math.floor(pin / 10000);
  return REGIONS[r] ?? REGIONS[r - 1];
}

function greatCircleKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export interface PinDistance {
  km: number;
  /** true when the pair is in the table of real NIC distances */
  known: boolean;
}

/** The PIN-to-PIN distance, or undefined when a PIN is outside every known region (→ 4030). */
export function pinToPinDistance(from: number, to: number): PinDistance | undefined {
  for (const [a, b, km] of KNOWN) if ((a === from && b === to) || (a === to && b === from)) return { km, known: true };
  const ra = region(from);
  const rb = region(to);
  if (!ra || !rb) return undefined;
  const [lo, hi] = from < to ? [from, to] : [to, from];
  const jitter = 5 + (((lo % 997) * 31 + (hi % 991) * 17) % 40);
  const km = Math.round(greatCircleKm(ra, rb) * 1.25) + jitter;
  return { km: Math.min(MAX_DISTANCE_KM, km), known: false };
}
