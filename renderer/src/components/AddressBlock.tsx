/**
 * Ship-to (ShipDtls) and dispatch-from (DispDtls): each behind a tick box, because most invoices
 * ship from the seller's address to the buyer's and the IRP reads an absent block as exactly that
 * (§5.7: neither = Regular, Ship only = Bill-to/Ship-to, Disp only = Bill-from/Dispatch-from). Field
 * lengths follow INV-01; the rules report what is wrong with the IRP's codes at each field.
 */
import type { AddressForm, EditorForm } from '../stores/editor.model';
import { useEditor } from '../stores/editor.store';
import { Field, Problems, type Problem } from './Field';
import { StateOptions } from './StateOptions';
import { Warnings } from './Warnings';


type Lookup = (field: string) => Problem[] | undefined;

interface BlockProps {
  kind: 'shipTo' | 'dispatch';
  problems: Lookup;
  warnings: Lookup;
}

const TEXT = {
  shipTo: { toggle: 'Ship to a different location', who: 'Ship-to', name: 'Ship-to legal name', on: 'shipToOn' },
  dispatch: { toggle: 'Dispatch from a different location', who: 'Dispatch-from', name: 'Dispatch-from name', on: 'dispatchOn' },
} as const;

function AddressBlock({ kind, problems, warnings }: BlockProps) {
  const on = useEditor((s) => s.form[TEXT[kind].on]);
  const a = useEditor((s) => s.form[kind]);
  const buyer = useEditor((s) => s.form.buyer);
  const update = useEditor((s) => s.update);
  const t = TEXT[kind];
  const set = (patch: Partial<AddressForm>) => update((f) => ({ ...f, [kind]: { ...f[kind], ...patch } }));
  const toggle = (value: boolean) => update((f): EditorForm => ({ ...f, [t.on]: value }));
  const at = (field: keyof AddressForm) => problems(`${kind}.${field}`);
  // the Field's <label> names each input; the IRP's field rules decide what is wrong
  const input = (field: keyof AddressForm, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input value={a[field]} data-field={`${kind}.${field}`} onChange={(e) => set({ [field]: e.target.value })} aria-invalid={Boolean(at(field))} {...extra} />
  );
  return (
    <div className={`ed-place${on ? ' ed-place-on' : ''}`} data-testid={`${kind}-block`}>
      <label className="ed-toggle">
        <input type="checkbox" checked={on} data-field={kind} onChange={(e) => toggle(e.target.checked)} />
        {t.toggle}
      </label>
      {on && (
        <div className="ed-place-fields">
          <Problems problems={problems(kind)} />
          <Warnings warnings={['', '.gstin', '.name', '.address1', '.address2', '.location', '.pin', '.state'].flatMap((f) => warnings(`${kind}${f}`) ?? [])} />
          {kind === 'shipTo' && (
            <div className="ed-gstin-row">
              <Field label="Ship-to GSTIN (optional)" problems={at('gstin')}>
                {input('gstin', { maxLength: 15, placeholder: '15 characters or URP', onChange: (e) => set({ gstin: e.target.value.toUpperCase() }) })}
              </Field>
              {/* the usual case: the buyer's own godown or branch in the same registration */}
              <button type="button" className="ed-small" disabled={!buyer.gstin} onClick={() => set({ gstin: buyer.gstin, ...(a.name ? {} : { name: buyer.legalName }) })}>
                Same as buyer
              </button>
            </div>
          )}
          <Field label={t.name} problems={at('name')} wide>
            {input('name', { maxLength: 100 })}
          </Field>
          <Field label={`${t.who} address line 1`} problems={at('address1')} wide>
            {input('address1', { maxLength: 100 })}
          </Field>
          <Field label={`${t.who} address line 2 (optional)`} problems={at('address2')} wide>
            {input('address2', { maxLength: 100 })}
          </Field>
          <Field label={`${t.who} city`} problems={at('location')}>
            {input('location', { maxLength: 100 })}
          </Field>
          <Field label={`${t.who} PIN`} problems={at('pin')}>
            {input('pin', { inputMode: 'numeric', maxLength: 6, className: 'ed-pin' })}
          </Field>
          <Field label={`${t.who} state`} problems={at('state')}>
            <select value={a.state} data-field={`${kind}.state`} aria-invalid={Boolean(at('state'))} onChange={(e) => set({ state: e.target.value })}>
              <StateOptions />
            </select>
          </Field>
        </div>
      )}
    </div>
  );
}

/** Both places, side by side: ship-to first, as on the paper invoice. */
export function PlacesGroup({ problems, warnings }: { problems: Lookup; warnings: Lookup }) {
  return (
    <fieldset className="group ed-places">
      <legend>Ship to / dispatch from</legend>
      <AddressBlock kind="shipTo" problems={problems} warnings={warnings} />
      <AddressBlock kind="dispatch" problems={problems} warnings={warnings} />
    </fieldset>
  );
}
