/**
 * Items (issue 17 item 4): what a business sells, with the HSN/SAC, unit, price, GST rate and cess
 * the editor fills into a line when the item is picked. Search by words of the name or by HSN;
 * rows are reachable with Tab and open for editing with Enter.
 */
import { useEffect, useRef, useState } from 'react';
import type { ProductView } from '../../../shared/ipc/contract-desk';
import { GST_RATES } from '../../../shared/gst/rates';
import { UQC } from '../../../shared/gst/units';
import { formatInr } from '../../../shared/money';
import { ApiError, invoke } from '../api/client';
import type { BusinessView } from '../api/types';
import { HsnInput } from '../components/HsnInput';
import { parsePaise, parseRate, scaledToText } from '../format';
import { SettingsField } from './settings-fields';
import { MasterFoot, MasterRow, useMasterPage } from './master-page';

interface FormState {
  name: string;
  hsn: string;
  unit: string;
  price: string;
  gstRate: string;
  cessRate: string;
}

const blank: FormState = { name: '', hsn: '', unit: 'NOS', price: '', gstRate: '18', cessRate: '' };

function ItemForm({ businessId, item, onDone }: { businessId: number; item?: ProductView; onDone: (saved?: ProductView) => void }) {
  const [f, setF] = useState<FormState>(
    item ? { name: item.name, hsn: item.hsn, unit: item.unit, price: scaledToText(item.unitPricePaise, 2), gstRate: String(item.gstRate), cessRate: item.cessRate ? String(item.cessRate) : '' } : blank,
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (k: keyof FormState) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });

  const submit = async () => {
    const price = parsePaise(f.price);
    const gstRate = parseRate(f.gstRate);
    const cessRate = parseRate(f.cessRate);
    const local: Record<string, string> = {};
    if (price === undefined) local.unitPricePaise = 'Type the price in rupees, up to 2 decimals (e.g. 1850 or 1850.50).';
    if (gstRate === undefined) local.gstRate = 'Type the GST rate in percent (e.g. 18).';
    if (cessRate === undefined) local.cessRate = 'Type the cess in percent, or leave it empty.';
    setProblems(local);
    if (Object.keys(local).length) return;
    try {
      const saved = await invoke('products:save', { ...(item ? { id: item.id } : {}), businessId, name: f.name, hsn: f.hsn, unit: f.unit, unitPricePaise: price ?? 0, gstRate: gstRate ?? 0, cessRate: cessRate ?? 0 });
      onDone(saved);
    } catch (e) {
      setProblems(problemsOf(e));
    }
  };

  return (
    <form className="group master-form" aria-label={item ? `Edit ${item.name}` : 'New item'} onSubmit={(e) => (e.preventDefault(), void submit())} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <SettingsField label="Name" problem={problems.name} wide><input ref={first} value={f.name} onChange={set('name')} required maxLength={300} /></SettingsField>
      <div className="field">
        <span className="label">HSN/SAC</span>
        <HsnInput label="HSN/SAC" field="item.hsn" value={f.hsn} invalid={Boolean(problems.hsn)} onChange={(hsn) => setF((prev) => ({ ...prev, hsn }))} />
        {problems.hsn && <span className="settings-error" role="alert">{problems.hsn}</span>}
      </div>
      <SettingsField label="Unit" problem={problems.unit}><input value={f.unit} list="item-units" onChange={(e) => setF({ ...f, unit: e.target.value.toUpperCase() })} maxLength={3} /></SettingsField>
      <SettingsField label="Price ₹" problem={problems.unitPricePaise}><input value={f.price} onChange={set('price')} inputMode="decimal" className="num" /></SettingsField>
      <SettingsField label="GST %" problem={problems.gstRate}><input value={f.gstRate} onChange={set('gstRate')} list="item-rates" inputMode="decimal" className="num narrow" /></SettingsField>
      <SettingsField label="Cess %" problem={problems.cessRate}><input value={f.cessRate} onChange={set('cessRate')} inputMode="decimal" className="num narrow" placeholder="0" /></SettingsField>
      <datalist id="item-units">{Object.entries(UQC).map(([code, name]) => <option key={code} value={code}>{name}</option>)}</datalist>
      <datalist id="item-rates">{GST_RATES.map((r) => <option key={r} value={r} />)}</datalist>
      <div className="actions"><button className="primary">Save item</button><button type="button" className="secondary" onClick={() => onDone()}>Cancel (Esc)</button></div>
    </form>
  );
}

/** Field problems from a refusal: the contract's [{ path, message }] or the core's { path }. */
export function problemsOf(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return { '': String(e) };
  const d = e.details;
  if (Array.isArray(d)) return Object.fromEntries((d as Array<{ path?: string; message?: string }>).map((x) => [x.path ?? '', `${x.path ?? ''} ${x.message ?? ''}`.trim()]));
  const path = (d as { path?: unknown } | undefined)?.path;
  return { [typeof path === 'string' ? path : '']: e.message };
}

export function Items() {
  const [businesses, setBusinesses] = useState<BusinessView[]>([]);
  const [businessId, setBusinessId] = useState<number>();
  useEffect(() => {
    invoke('businesses:list', {}).then((r) => (setBusinesses(r.businesses), setBusinessId((b) => b ?? r.businesses[0]?.id)), () => undefined);
  }, []);
  const page = useMasterPage<ProductView>((text, offset) =>
    businessId === undefined ? Promise.resolve({ rows: [], total: 0 }) : invoke('products:list', { businessId, text, limit: 100, offset }).then((r) => ({ rows: r.items, total: r.total })), [businessId]);

  return (
    <section className="masters">
      <h1>Items</h1>
      <p className="muted">What you sell. Picking an item in the invoice editor fills the line&apos;s HSN/SAC, unit, price, GST rate and cess.</p>
      <div className="master-bar">
        {businesses.length > 1 && (
          <label>Business <select value={businessId ?? ''} onChange={(e) => setBusinessId(Number(e.target.value))}>{businesses.map((b) => <option key={b.id} value={b.id}>{b.tradeName ?? b.legalName}</option>)}</select></label>
        )}
        <input type="search" aria-label="Search items" placeholder="Search by words or HSN/SAC" value={page.text} onChange={(e) => page.setText(e.target.value)} autoFocus />
        <span className="muted" data-testid="items-count">{page.total} item{page.total === 1 ? '' : 's'}</span>
        <button className="secondary" onClick={() => page.setEditing('new')} disabled={businessId === undefined}>Add item</button>
      </div>
      {page.message && <div className="notice notice-ok" role="status">{page.message}</div>}
      {businessId !== undefined && page.editing === 'new' && <ItemForm businessId={businessId} onDone={(saved) => page.done(saved && `Item ${saved.name} saved.`)} />}
      <table className="plain master-table">
        <thead><tr><th>Name</th><th>HSN/SAC</th><th>Unit</th><th className="num">Price</th><th className="num">GST %</th><th className="num">Cess %</th><th /></tr></thead>
        <tbody>
          {page.rows.map((it) =>
            page.editing === it.id && businessId !== undefined ? (
              <tr key={it.id}><td colSpan={7}><ItemForm businessId={businessId} item={it} onDone={(saved) => page.done(saved && `Item ${saved.name} saved.`, it.id)} /></td></tr>
            ) : (
              <MasterRow key={it.id} page={page} id={it.id} name={it.name} label={`${it.name}, HSN ${it.hsn}, ${formatInr(it.unitPricePaise)}, GST ${it.gstRate}%`}
                question={`Delete the item ${it.name}? Invoices that used it keep their lines.`} remove={() => invoke('products:delete', { id: it.id })}>
                <td>{it.name}</td><td className="mono">{it.hsn}</td><td>{it.isService ? '—' : it.unit}</td><td className="num">{formatInr(it.unitPricePaise)}</td><td className="num">{it.gstRate}</td><td className="num">{it.cessRate || ''}</td>
              </MasterRow>
            ),
          )}
        </tbody>
      </table>
      <MasterFoot page={page} />
    </section>
  );
}
