/** The lines table of the editor: description, HSN search, qty, unit, rate, discount, GST rate. */
import { useEffect, useRef } from 'react';
import { GST_RATES } from '../../../shared/gst/rates';
import { UQC } from '../../../shared/gst/units';
import { formatInr } from '../../../shared/money';
import type { LineTotals } from '../../../shared/einvoice/compute';
import { Problems, type Problem } from '../components/Field';
import { HsnInput } from '../components/HsnInput';
import type { EditorLine } from '../stores/editor.model';
import { useEditor } from '../stores/editor.store';

const UNITS = Object.keys(UQC);

interface Props {
  lines: EditorLine[];
  totals: LineTotals[];
  problems: (field: string) => Problem[] | undefined;
}

export function EditorLines({ lines, totals, problems }: Props) {
  const { setLine, addLine, removeLine } = useEditor();
  const count = useRef(lines.length);

  // A new line gets the focus on its description, so entry flows on from the keyboard.
  useEffect(() => {
    if (lines.length > count.current) document.querySelector<HTMLInputElement>(`[data-line="${lines.length - 1}"][data-col="description"]`)?.focus();
    count.current = lines.length;
  }, [lines.length]);

  const cell = (i: number, col: keyof EditorLine, label: string, extra: Partial<React.InputHTMLAttributes<HTMLInputElement>> = {}) => (
    <input
      aria-label={`${label} of line ${i + 1}`}
      aria-invalid={Boolean(problems(`lines.${i}.${col}`))}
      data-line={i}
      data-col={col}
      value={String(lines[i]![col])}
      onChange={(e) => setLine(i, { [col]: e.target.value })}
      {...extra}
    />
  );

  return (
    <table className="lines">
      <thead>
        <tr>
          <th>#</th><th>Description</th><th>HSN/SAC</th><th className="num">Qty</th><th>Unit</th><th className="num">Rate ₹</th><th className="num">Discount ₹</th><th className="num">GST %</th><th className="num">Taxable</th><th className="num">Line total</th><th />
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => {
          const rowProblems = [
            ...(problems(`lines.${i}.description`) ?? []), ...(problems(`lines.${i}.hsn`) ?? []), ...(problems(`lines.${i}.qty`) ?? []),
            ...(problems(`lines.${i}.unit`) ?? []), ...(problems(`lines.${i}.rate`) ?? []), ...(problems(`lines.${i}.discount`) ?? []),
            ...(problems(`lines.${i}.gstRate`) ?? []), ...(problems(`lines.${i}.row`) ?? []),
          ];
          const t = totals[i];
          return [
            <tr key={l.key} className={rowProblems.length ? 'invalid' : ''}>
              <td className="muted">{i + 1}</td>
              <td>{cell(i, 'description', 'Description', { placeholder: 'What was sold' })}</td>
              <td><HsnInput lineIndex={i} value={l.hsn} invalid={Boolean(problems(`lines.${i}.hsn`))} onChange={(code, description) => setLine(i, { hsn: code, ...(description && !l.description ? { description } : {}) })} /></td>
              <td>{cell(i, 'qty', 'Quantity', { inputMode: 'decimal', className: 'num' })}</td>
              <td>
                <select aria-label={`Unit of line ${i + 1}`} data-line={i} data-col="unit" value={l.unit} disabled={l.hsn.startsWith('99')} onChange={(e) => setLine(i, { unit: e.target.value })}>
                  <option value="">—</option>
                  {UNITS.map((u) => <option key={u} value={u}>{u}</option>)}
                </select>
              </td>
              <td>{cell(i, 'rate', 'Rate', { inputMode: 'decimal', className: 'num' })}</td>
              <td>{cell(i, 'discount', 'Discount', { inputMode: 'decimal', className: 'num' })}</td>
              <td>
                {cell(i, 'gstRate', 'GST rate', {
                  inputMode: 'decimal',
                  className: 'num narrow',
                  list: 'gst-rates',
                  onKeyDown: (e) => {
                    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && i === lines.length - 1) {
                      e.preventDefault();
                      addLine();
                    }
                  },
                })}
              </td>
              <td className="num">{t ? formatInr(t.taxablePaise, { symbol: false }) : ''}</td>
              <td className="num">{t ? formatInr(t.totalPaise, { symbol: false }) : ''}</td>
              <td><button className="icon" aria-label={`Remove line ${i + 1}`} tabIndex={-1} onClick={() => removeLine(i)} disabled={lines.length === 1}>×</button></td>
            </tr>,
            rowProblems.length > 0 && (
              <tr key={`${l.key}-p`} className="problem-row">
                <td />
                <td colSpan={10}><Problems problems={rowProblems} /></td>
              </tr>
            ),
          ];
        })}
      </tbody>
      <datalist id="gst-rates">{GST_RATES.map((r) => <option key={r} value={r} />)}</datalist>
    </table>
  );
}
