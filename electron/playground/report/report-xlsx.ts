/**
 * The Test Summary Report as an Excel workbook (exceljs): a "Summary" sheet with the run's facts
 * and a "Test cases" sheet, one row per scenario, filterable, the header frozen; the exact
 * requests stay out (they belong to the trace, not to the report NIC reads).
 */
import ExcelJS from 'exceljs';
import { formatIstDateTime } from '../../../shared/dates';
import { summarise, type ReportInput } from './report-data';

export async function renderReportXlsx(input: ReportInput): Promise<Buffer> {
  const s = summarise(input);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'e-Invoice Desk';
  wb.created = input.generatedAt;

  const summary = wb.addWorksheet('Summary');
  summary.columns = [{ width: 22 }, { width: 110 }];
  summary.addRow([s.title]).font = { bold: true, size: 14 };
  summary.addRow([]);
  for (const [k, v] of s.facts) summary.addRow([k, v]).getCell(1).font = { bold: true };
  summary.addRow([]);
  const note = summary.addRow(['Note', s.note]);
  note.getCell(2).alignment = { wrapText: true, vertical: 'top' };

  const cases = wb.addWorksheet('Test cases', { views: [{ state: 'frozen', ySplit: 1 }] });
  cases.columns = [
    { header: 'Sl No', key: 'n', width: 7 },
    { header: 'API', key: 'api', width: 20 },
    { header: 'Scenario', key: 'title', width: 40 },
    { header: 'Expected result', key: 'expected', width: 60 },
    { header: 'Specification', key: 'spec', width: 18 },
    { header: 'Actual result', key: 'actual', width: 60 },
    { header: 'What the client did', key: 'client', width: 60 },
    { header: 'Pass/Fail', key: 'result', width: 10 },
    { header: 'Date and time (IST)', key: 'at', width: 20 },
    { header: 'Scenario id', key: 'id', width: 24 },
  ];
  cases.getRow(1).font = { bold: true };
  input.results.forEach((r, i) => {
    const row = cases.addRow({
      n: i + 1, api: r.api, title: r.title, expected: r.expected, spec: r.spec, actual: r.actual, client: r.clientAction,
      result: r.pass ? 'PASS' : 'FAIL', at: formatIstDateTime(new Date(r.at)), id: r.id,
    });
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell('result').font = { bold: true, color: { argb: r.pass ? 'FF1E7B34' : 'FFB3261E' } };
  });
  cases.autoFilter = { from: 'A1', to: 'J1' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
