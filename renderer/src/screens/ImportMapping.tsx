/**
 * The mapping step: every column of the file with a few of its values, and the field it feeds.
 * Columns matched by header (or by the mapping saved for this layout) come pre-set; the rest the
 * user sets by hand. The sheet and the header row can be changed when the guess was wrong.
 */
import { FIELDS, FIELD_IDS, type FieldId } from '../../../shared/import/fields';
import { missingRequired } from '../../../shared/import/mapping';
import { useImport } from '../stores/import.store';

const DOC_FIELDS = FIELD_IDS.filter((f) => FIELDS[f].level === 'document');
const LINE_FIELDS = FIELD_IDS.filter((f) => FIELDS[f].level === 'line');

export function ImportMapping() {
  const s = useImport();
  const a = s.analysis;
  if (!a) return null;
  const fieldOf = new Map(Object.entries(s.mapping.columns).map(([f, h]) => [h, f as FieldId]));
  const missing = missingRequired(s.mapping);
  const mapped = fieldOf.size;
  return (
    <section className="import-mapping" aria-label="Mapping">
      <div className="toolbar">
        {a.sheets.length > 1 && (
          <label className="inline-label">
            Sheet{' '}
            <select value={a.sheet ?? ''} onChange={(e) => void s.reanalyze({ sheet: e.target.value })}>
              {a.sheets.map((n) => <option key={n}>{n}</option>)}
            </select>
          </label>
        )}
        <label className="inline-label">
          Headers on row{' '}
          <input
            type="number" min={1} className="import-row-input" aria-label="Header row" defaultValue={a.headerRow ?? 1} key={a.headerRow}
            onBlur={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n !== a.headerRow) void s.reanalyze({ ...(a.sheet ? { sheet: a.sheet } : {}), headerRow: n });
            }}
          />
        </label>
        <span className="muted">{a.dataRows.toLocaleString('en-IN')} rows below the headers · {mapped} of {a.headers.length} columns mapped</span>
        {a.savedMapping && <span className="chip chip-registered" data-testid="saved-mapping">Using the saved mapping “{a.savedMapping}”</span>}
      </div>
      <table className="plain import-columns" data-testid="mapping-table">
        <thead>
          <tr><th>Column in the file</th><th>Sample values</th><th>Imported as</th></tr>
        </thead>
        <tbody>
          {a.headers.map((h, i) => {
            const field = fieldOf.get(h);
            return (
              <tr key={h} className={field ? 'mapped' : 'unmapped'}>
                <td><b>{h}</b></td>
                <td className="muted ellipsis import-samples" title={(a.samples[i] ?? []).join(' · ')}>{(a.samples[i] ?? []).join(' · ') || '(empty)'}</td>
                <td>
                  <select aria-label={`Field for column ${h}`} value={field ?? ''} onChange={(e) => s.setColumn(h, e.target.value as FieldId | '')}>
                    <option value="">— not imported —</option>
                    <optgroup label="Document (one per invoice)">
                      {DOC_FIELDS.map((f) => <option key={f} value={f}>{FIELDS[f].label}</option>)}
                    </optgroup>
                    <optgroup label="Line item (one per row)">
                      {LINE_FIELDS.map((f) => <option key={f} value={f}>{FIELDS[f].label}</option>)}
                    </optgroup>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions import-actions">
        {missing.length > 0 && <span className="error-text" role="status">Map a column to: {missing.join(', ')}</span>}
        <label className="inline-label">
          Save this mapping as{' '}
          <input aria-label="Mapping name" value={s.saveAs} maxLength={100} onChange={(e) => s.setSaveAs(e.target.value)} />
        </label>
        <button className="primary" disabled={missing.length > 0 || Boolean(s.busy)} onClick={() => void s.previewNow()}>Preview</button>
      </div>
    </section>
  );
}
