/**
 * What the Test Summary Report says (issue 15; NIC asks for one before production API access,
 * docs gsp-and-portal.md §1.1): per scenario the API, the scenario, the expected and the actual
 * result, pass or fail; for the run the date and the environment. Shared by the PDF and the .xlsx.
 */
import { formatIstDateTime, formatIstForDisplay } from '../../../shared/dates';
import type { Environment, ScenarioResult } from '../../../shared/ipc/playground.schema';

export interface ReportInput {
  results: readonly ScenarioResult[];
  environment: Environment;
  /** When the report is made (the run's own times are per row). */
  generatedAt: Date;
}

export interface ReportSummary {
  title: string;
  facts: Array<[string, string]>;
  scenarios: number;
  passed: number;
  failed: number;
  note: string;
}

export const REPORT_TITLE = 'e-Invoice API integration: Test Summary Report';

export function summarise(input: ReportInput): ReportSummary {
  const passed = input.results.filter((r) => r.pass).length;
  const first = input.results[0]?.at;
  const last = input.results.at(-1)?.at;
  const when = first && last ? `${formatIstForDisplay(new Date(first))} to ${formatIstForDisplay(new Date(last))} IST` : formatIstForDisplay(input.generatedAt);
  const e = input.environment;
  return {
    title: REPORT_TITLE,
    facts: [
      ['Date of testing', when],
      ['Environment', `${e.name} (${e.url})`],
      ['GSTIN / API user', `${e.gstin} / ${e.userName}`],
      ['Application', `e-Invoice Desk ${e.appVersion} (direct NIC protocol: auth v1.04, e-invoice APIs v1.03)`],
      ['Result', `${input.results.length} scenarios: ${passed} passed, ${input.results.length - passed} failed`],
      ['Report made', `${formatIstForDisplay(input.generatedAt)} IST`],
    ],
    scenarios: input.results.length,
    passed,
    failed: input.results.length - passed,
    note: 'Expected results are what NIC\'s API answers according to the protocol specification (irp-protocol.md, sections and confidence given per row). '
      + 'The tests ran against the practice IRP, a local simulator of NIC\'s API; before production access run the same catalogue on NIC\'s sandbox with the sandbox credentials.',
  };
}

/** A file name for the report: test-summary-report-YYYYMMDD-HHmm.ext (IST). */
export function reportFileName(at: Date, ext: 'pdf' | 'xlsx'): string {
  const t = formatIstDateTime(at).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
  return `test-summary-report-${t}.${ext}`;
}
