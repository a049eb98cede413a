/**
 * Proposing document numbers from the ledger (issue 17 item 5): with a series, one past the highest
 * number of that series in the document's financial year (so the count restarts on 1 April and a
 * gap left by a deleted draft is not filled behind the user's back); without one, the last number
 * used this FY counted on. Several windows or the CLI may propose the same number at once: the
 * ledger's IRN-identity index refuses the second save, and the editor flags a taken number.
 */
import { financialYear, type IsoDate } from '../../shared/dates';
import { docNoProblem, followOn, formatSeriesNumber, seriesCounterOf, type NumberSeries } from '../../shared/einvoice/numbering';
import type { Ledger, SeriesDocType } from '../ledger';

export interface Proposal {
  docNo?: string;
  source: 'series' | 'last' | 'none';
  problem?: string;
}

/** A free number of `series` for a document dated `docDate`, given the numbers already used that FY. */
export function nextInSeries(series: NumberSeries, used: readonly string[], docDate: IsoDate): Proposal {
  let max = 0;
  for (const no of used) max = Math.max(max, seriesCounterOf(series, no, docDate) ?? 0);
  const docNo = formatSeriesNumber(series, max + 1, docDate);
  const problem = docNoProblem(docNo);
  return problem ? { source: 'series', problem: `The series has run out of numbers this year: ${problem}` } : { docNo, source: 'series' };
}

export function proposeNumber(ledger: Ledger, businessId: number, docType: SeriesDocType, docDate: IsoDate): Proposal {
  const fy = financialYear(docDate);
  const used = ledger.series.numbersInFy(businessId, docType, fy);
  const series = ledger.series.get(businessId, docType);
  if (series) return nextInSeries(series, used, docDate);
  const last = ledger.series.latestInFy(businessId, docType, fy);
  const taken = new Set(used.map((n) => n.toUpperCase()));
  let docNo = last === undefined ? undefined : followOn(last);
  // numbers typed out of order may already hold the follow-on: count on to the first free one
  for (let i = 0; docNo !== undefined && taken.has(docNo.toUpperCase()) && i < 10_000; i += 1) docNo = followOn(docNo);
  return docNo !== undefined && !taken.has(docNo.toUpperCase()) ? { docNo, source: 'last' } : { source: 'none' };
}
