/**
 * The editor's first two groups, in the paper invoice's order: the document (business, type,
 * number proposed by the series, date typed any common way) and the buyer (GSTIN looked up in the
 * GST master, name from past buyers, address, states by name with their codes).
 */
import { normaliseDateText } from '../../../shared/date-input';
import { BuyerGstinInput, BuyerGstinStatus, BuyerNameInput } from '../components/BuyerInputs';
import { Field, type Problem } from '../components/Field';
import { FilledInput } from '../components/FilledInput';
import { StateOptions } from '../components/StateOptions';
import type { EditorForm } from '../stores/editor.model';
import { useEditor } from '../stores/editor.store';
import { SUPPLY_TYPE_LABELS } from '../supply-types';

type Lookup = (field: string) => Problem[] | undefined;

/** The place of supply follows the buyer's state until someone sets it to something else. */
function followState(buyer: { state: string; pos: string }, state: string): string {
  return buyer.pos === '' || buyer.pos === buyer.state ? state : buyer.pos;
}

export function DocumentGroup({ problems, warnings }: { problems: Lookup; warnings: Lookup }) {
  const form = useEditor((s) => s.form);
  const businesses = useEditor((s) => s.businesses);
  const docNoAuto = useEditor((s) => s.docNoAuto);
  const update = useEditor((s) => s.update);
  return (
    <fieldset className="group">
      <legend>Document</legend>
      <Field label="Business (seller)" problems={problems('business')}>
        <select data-field="business" value={form.businessId ?? ''} onChange={(e) => update((f) => ({ ...f, businessId: Number(e.target.value) }))} autoFocus>
          {businesses.map((b) => <option key={b.id} value={b.id}>{b.tradeName ?? b.legalName} · {b.gstin}</option>)}
        </select>
      </Field>
      <Field label="Type" problems={problems('docType')}>
        <select data-field="docType" value={form.docType} onChange={(e) => update((f) => ({ ...f, docType: e.target.value as typeof f.docType }))}>
          <option value="INV">Tax invoice</option>
          <option value="CRN">Credit note</option>
          <option value="DBN">Debit note</option>
        </select>
      </Field>
      <Field
        label="Number"
        problems={problems('docNo')}
        warnings={warnings('docNo')}
        note={docNoAuto && form.docNo ? <small id="docno-proposed" className="muted" data-testid="docno-proposed">next in the series</small> : undefined}
      >
        <input
          data-field="docNo"
          value={form.docNo}
          maxLength={16}
          aria-describedby={docNoAuto && form.docNo ? 'docno-proposed' : undefined}
          onChange={(e) => {
            // a number typed by hand stops following the series
            useEditor.setState({ docNoAuto: false });
            update((f) => ({ ...f, docNo: e.target.value }));
          }}
          placeholder="e.g. INV/26-27/0001"
        />
      </Field>
      <Field label="Date (dd/mm/yyyy)" problems={problems('docDate')} warnings={warnings('docDate')}>
        <input
          data-field="docDate"
          value={form.docDate}
          maxLength={10}
          placeholder="dd/mm/yyyy"
          onChange={(e) => update((f) => ({ ...f, docDate: e.target.value }))}
          // 4/12/2026, 04-12-2026 and 04.12.26 become 04/12/2026 on leaving; 31/02 stays and says why
          onBlur={(e) => normaliseDateText(e.target.value) !== form.docDate && update((f) => ({ ...f, docDate: normaliseDateText(e.target.value) }))}
        />
      </Field>
      <Field label="Supply type" problems={problems('supplyType')}>
        <select data-field="supplyType" value={form.supplyType} onChange={(e) => update((f) => ({ ...f, supplyType: e.target.value as typeof f.supplyType }))}>
          {Object.entries(SUPPLY_TYPE_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </Field>
      <Field label="Reverse charge" problems={problems('reverseCharge')}>
        <input data-field="reverseCharge" type="checkbox" checked={form.reverseCharge} onChange={(e) => update((f) => ({ ...f, reverseCharge: e.target.checked }))} />
      </Field>
    </fieldset>
  );
}

export function BuyerGroup({ problems, warnings }: { problems: Lookup; warnings: Lookup }) {
  const b = useEditor((s) => s.form.buyer);
  const update = useEditor((s) => s.update);
  const buyer = (key: keyof EditorForm['buyer'], value: string) => update((f) => ({ ...f, buyer: { ...f.buyer, [key]: value } }));
  return (
    <fieldset className="group">
      <legend>Buyer</legend>
      <Field label="GSTIN" problems={problems('buyer.gstin')} warnings={warnings('buyer.gstin')} note={<BuyerGstinStatus />}>
        <BuyerGstinInput />
      </Field>
      <Field label="Legal name" problems={problems('buyer.legalName')} wide>
        <BuyerNameInput />
      </Field>
      <Field label="Address" problems={problems('buyer.address1')} wide>
        <FilledInput data-field="buyer.address1" value={b.address1} onChange={(e) => buyer('address1', e.target.value)} />
      </Field>
      <Field label="City" problems={problems('buyer.location')}>
        <FilledInput data-field="buyer.location" value={b.location} onChange={(e) => buyer('location', e.target.value)} />
      </Field>
      <Field label="PIN" problems={problems('buyer.pin')}>
        <FilledInput data-field="buyer.pin" value={b.pin} inputMode="numeric" maxLength={6} onChange={(e) => buyer('pin', e.target.value)} />
      </Field>
      <Field label="State" problems={problems('buyer.state')}>
        <select data-field="buyer.state" value={b.state} onChange={(e) => update((f) => ({ ...f, buyer: { ...f.buyer, state: e.target.value, pos: followState(f.buyer, e.target.value) } }))}>
          <StateOptions />
        </select>
      </Field>
      <Field label="Place of supply" problems={problems('buyer.pos')}>
        <select data-field="buyer.pos" value={b.pos} onChange={(e) => buyer('pos', e.target.value)}>
          <StateOptions />
        </select>
      </Field>
    </fieldset>
  );
}
