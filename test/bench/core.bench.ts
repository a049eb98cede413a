/** Core figures: validations per second (1-line, 1000-line), and compute + validate + IRN. */
import { buildPayload } from '../../shared/einvoice/compute';
import { irnOfInvoice } from '../../shared/einvoice/irn';
import { validateInvoice } from '../../shared/einvoice/validate';
import { loadHsnMaster } from '../../electron/app/masters';
import { draft, goodsLine, serviceLine } from '../support/invoices';
import { microsPerCall, round, type BenchRow } from './measure';

export function bench(): Promise<BenchRow[]> {
  const hsn = loadHsnMaster();
  const opts = { profile: 'production' as const, today: '2026-11-21', hsn, seller: { aatoCrore: 20 } };
  const oneDraft = draft({ lines: [goodsLine()] });
  const bigDraft = draft({ lines: Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? serviceLine({ unitPricePaise: 100_000 + i }) : goodsLine({ unitPricePaise: 1000 + i }))) });
  const one = buildPayload(oneDraft);
  const big = buildPayload(bigDraft);
  if (!validateInvoice(one, opts).valid || !validateInvoice(big, opts).valid) throw new Error('bench invoices must be valid');

  const v1 = microsPerCall(() => validateInvoice(one, opts), 20_000, 9);
  const v1000 = microsPerCall(() => validateInvoice(big, opts), 30, 9);
  const full1 = microsPerCall(() => {
    const inv = buildPayload(oneDraft);
    validateInvoice(inv, opts);
    irnOfInvoice(inv, opts.today);
  }, 10_000, 9);
  const full1000 = microsPerCall(() => {
    const inv = buildPayload(bigDraft);
    validateInvoice(inv, opts);
    irnOfInvoice(inv, opts.today);
  }, 20, 9);
  return Promise.resolve([
    { area: 'core', name: 'validate 1-line invoice', value: round(v1, 1), unit: 'µs', note: `${Math.round(1e6 / v1)}/s; goal ≤ 50 µs` },
    { area: 'core', name: 'validate 1000-line invoice', value: round(v1000 / 1000, 2), unit: 'ms', note: `${round(1e6 / v1000, 1)}/s; goal ≤ 20 ms` },
    { area: 'core', name: 'compute + validate + IRN, 1-line', value: round(full1, 1), unit: 'µs', note: `${Math.round(1e6 / full1)}/s` },
    { area: 'core', name: 'compute + validate + IRN, 1000-line', value: round(full1000 / 1000, 2), unit: 'ms', note: `${round(1e6 / full1000, 1)}/s` },
  ]);
}
