/**
 * The lines table of the editor: description, HSN search, qty, unit, rate, discount, GST rate,
 * cess rate and specific cess per unit.
 * Rows are memoised on their own line, amounts and problems, so a keystroke re-renders one row,
 * not a thousand (issue 5: totals within 50 ms with 1000 lines). Rows are grid divs with
 * `content-visibility: auto`, so the browser lays out and paints only the rows on screen while
 * every input stays in the DOM (Tab order, find, screen readers). Units use one shared datalist.
 */
import { memo, useEffect, useRef } from 'react';
import type { LineTotals } from '../../../shared/einvoice/compute';
import type { ProductView } from '../../../shared/ipc/contract-desk';
import { GST_RATES } from '../../../shared/gst/rates';
import { UQC } from '../../../shared/gst/units';
import { formatInr } from '../../../shared/money';
import { Problems, type Problem } from '../components/Field';
import { HsnInput } from '../components/HsnInput';
import { ItemInput } from '../components/ItemInput';
import { Warnings } from '../components/Warnings';
import { invoke } from '../api/client';
import { scaledToText } from '../format';
import type { EditorLine, LineTextField } from '../stores/editor.model';
import { useEditor } from '../stores/editor.store';

/** An item of the master into a line: everything the line can take from it. */
function fromItem(item: ProductView): Partial<EditorLine> {
  return {
    description: item.name,
    hsn: item.hsn,
    unit: item.isService ? '' : item.unit,
    rate: scaledToText(item.unitPricePaise, 2),
    gstRate: String(item.gstRate),
    cessRate: item.cessRate ? String(item.cessRate) : '',
  };
}

/**
 * A picked HSN proposes the rate this business usually charges on it (its items, else its last
 * invoices), unless the line's GST rate was already typed.
 */
async function proposeRate(index: number, hsn: string): Promise<void> {
  const { form, touched } = useEditor.getState();
  if (form.businessId === undefined || touched[`lines.${index}.gstRate`]) return;
  const r = await invoke('masters:usualRate', { businessId: form.businessId, hsn }).catch(() => undefined);
  const now = useEditor.getState();
  if (r?.rate === undefined || now.form.lines[index]?.hsn !== hsn || now.touched[`lines.${index}.gstRate`]) return;
  now.setLine(index, { gstRate: String(r.rate) });
}

const COLUMNS = ['description', 'hsn', 'qty', 'unit', 'rate', 'discount', 'gstRate', 'cessRate', 'cessPerUnit', 'row'] as const;

interface RowProps {
  line: EditorLine;
  index: number;
  taxablePaise: number;
  totalPaise: number;
  problems: Record<string, Problem[]>;
  warnings: Problem[];
  /** Changes exactly when the row's problems or warnings do (the arrays are rebuilt on every change). */
  problemsKey: string;
  isLast: boolean;
  canRemove: boolean;
}

const Row = memo(
  function Row({ line: l, index: i, taxablePaise, totalPaise, problems, warnings, isLast, canRemove }: RowProps) {
    const setLine = useEditor((s) => s.setLine);
    const addLine = useEditor((s) => s.addLine);
    const removeLine = useEditor((s) => s.removeLine);
    const businessId = useEditor((s) => s.form.businessId);
    const all = COLUMNS.flatMap((c) => problems[c] ?? []);
    const cell = (col: LineTextField, label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
      <input
        aria-label={`${label} of line ${i + 1}`}
        aria-invalid={Boolean(problems[col])}
        data-line={i}
        data-col={col}
        data-field={`lines.${i}.${col}`}
        value={l[col]}
        onChange={(e) => setLine(i, { [col]: e.target.value })}
        {...extra}
      />
    );
    const service = l.hsn.startsWith('99');
    // Enter at the end of the last line starts the next one (the GST rate and the cess cells after it)
    const newLineOnEnter = (e: React.KeyboardEvent) => {
      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && isLast) {
        e.preventDefault();
        addLine();
      }
    };
    return (
      <div className={all.length ? 'line invalid' : 'line'} role="row">
        <div className="line-cells">
          <span className="muted">{i + 1}</span>
          <ItemInput lineIndex={i} value={l.description} businessId={businessId} invalid={Boolean(problems.description)} onChange={(description) => setLine(i, { description })} onPick={(item) => setLine(i, fromItem(item))} />
          <HsnInput
            lineIndex={i}
            value={l.hsn}
            invalid={Boolean(problems.hsn)}
            onChange={(code, description) => {
              setLine(i, { hsn: code, ...(description && !l.description ? { description } : {}) });
              if (description !== undefined) void proposeRate(i, code);
            }}
          />
          {cell('qty', 'Quantity', { inputMode: 'decimal', className: 'num' })}
          {cell('unit', 'Unit', { list: 'uqc-units', disabled: service, placeholder: service ? '—' : 'UQC', onBlur: (e) => setLine(i, { unit: e.target.value.trim().toUpperCase() }) })}
          {cell('rate', 'Rate', { inputMode: 'decimal', className: 'num' })}
          {cell('discount', 'Discount', { inputMode: 'decimal', className: 'num' })}
          {cell('gstRate', 'GST rate', {
              inputMode: 'decimal',
              className: 'num narrow',
              list: 'gst-rates',
              onKeyDown: newLineOnEnter,
            })}
          {cell('cessRate', 'Cess rate', { inputMode: 'decimal', className: 'num narrow', placeholder: '0', onKeyDown: newLineOnEnter })}
          {cell('cessPerUnit', 'Cess per unit (₹)', { inputMode: 'decimal', className: 'num', placeholder: '0', onKeyDown: newLineOnEnter })}
          <span className="num amount">{formatInr(taxablePaise, { symbol: false })}</span>
          <span className="num amount">{formatInr(totalPaise, { symbol: false })}</span>
          <button className="icon" aria-label={`Remove line ${i + 1}`} tabIndex={-1} onClick={() => removeLine(i)} disabled={!canRemove}>×</button>
        </div>
        {(all.length > 0 || warnings.length > 0) && (
          <div className="problem-row">
            <Problems problems={all} />
            <Warnings warnings={warnings} />
          </div>
        )}
      </div>
    );
  },
  (a, b) =>
    a.line === b.line && a.index === b.index && a.taxablePaise === b.taxablePaise && a.totalPaise === b.totalPaise &&
    a.problemsKey === b.problemsKey && a.isLast === b.isLast && a.canRemove === b.canRemove,
);

interface Props {
  lines: EditorLine[];
  totals: LineTotals[];
  problems: (field: string) => Problem[] | undefined;
  warnings: (field: string) => Problem[] | undefined;
}

export function EditorLines({ lines, totals, problems, warnings }: Props) {
  const linesAdded = useEditor((s) => s.linesAdded);

  // A line the user adds gets the focus on its description, so entry flows on from the keyboard
  // (a draft opening with 1000 lines keeps the focus where it is).
  const seen = useRef(linesAdded);
  useEffect(() => {
    if (linesAdded === seen.current) return;
    seen.current = linesAdded;
    document.querySelector<HTMLInputElement>(`[data-line="${lines.length - 1}"][data-col="description"]`)?.focus();
  }, [linesAdded, lines.length]);

  return (
    <div className="lines" role="table" aria-label="Invoice lines">
      <div className="line-cells line-head" role="row">
        <span>#</span><span>Description</span><span>HSN/SAC</span><span className="num">Qty</span><span>Unit</span><span className="num">Rate ₹</span><span className="num">Discount ₹</span><span className="num">GST %</span><span className="num" title="Ad-valorem compensation cess, percent of the taxable value">Cess %</span><span className="num" title="Specific (non-ad-valorem) cess, rupees per unit">Cess ₹/unit</span><span className="num">Taxable</span><span className="num">Line total</span><span />
      </div>
      <div>
        {lines.map((l, i) => {
          const rowProblems: Record<string, Problem[]> = {};
          const rowWarnings: Problem[] = [];
          let key = '';
          for (const c of COLUMNS) {
            const p = problems(`lines.${i}.${c}`);
            if (p) {
              rowProblems[c] = p;
              key += `${c}:${p.map((x) => `${x.code} ${x.message}`).join('|')};`;
            }
            const w = warnings(`lines.${i}.${c}`);
            if (w) {
              rowWarnings.push(...w);
              key += `!${c}:${w.map((x) => `${x.code} ${x.message}`).join('|')};`;
            }
          }
          const t = totals[i];
          return (
            <Row key={l.key} line={l} index={i} taxablePaise={t?.taxablePaise ?? 0} totalPaise={t?.totalPaise ?? 0} problems={rowProblems} warnings={rowWarnings} problemsKey={key} isLast={i === lines.length - 1} canRemove={lines.length > 1} />
          );
        })}
      </div>
      <datalist id="gst-rates">{GST_RATES.map((r) => <option key={r} value={r} />)}</datalist>
      <datalist id="uqc-units">{Object.entries(UQC).map(([code, name]) => <option key={code} value={code}>{name}</option>)}</datalist>
    </div>
  );
}
