/**
 * GST rates (GstRt) in the e-invoice rate master. Source: ../shared/docs/irp-protocol.md §6.2 and
 * §12.5. The 40 % slab of GST 2.0 (22-Sep-2025) is not confirmed in the IRP master, so it is
 * opt-in (see `withFortyPercentSlab`).
 */
export const GST_RATES: readonly number[] = [0, 0.1, 0.25, 1, 1.5, 3, 5, 6, 7.5, 12, 18, 28];

export const GST_RATES_WITH_40: readonly number[] = [...GST_RATES, 40];

export function isAllowedGstRate(rate: number, allowed: readonly number[] = GST_RATES): boolean {
  return allowed.some((r) => Math.abs(r - rate) < 1e-9);
}
