/**
 * A line's description with the item master behind it (issue 17 item 4): typing searches the
 * business's items by words or HSN; picking one (arrows + Enter, or a click) fills the line's
 * description, HSN/SAC, unit, price, GST rate and cess. Text that matches no item stays free text.
 */
import { useId, useState } from 'react';
import type { ProductView } from '../../../shared/ipc/contract-desk';
import { formatInr } from '../../../shared/money';
import { invoke } from '../api/client';
import { comboAria, ComboList, useCombo } from './combo';

interface Props {
  value: string;
  lineIndex: number;
  businessId: number | undefined;
  invalid?: boolean;
  onChange: (text: string) => void;
  onPick: (item: ProductView) => void;
}

export function ItemInput({ value, lineIndex, businessId, invalid, onChange, onPick }: Props) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const search = (q: string) => (businessId === undefined ? Promise.resolve([]) : invoke('products:search', { businessId, text: q, limit: 8 }).then((r) => r.items));
  const combo = useCombo(value, open && businessId !== undefined, search, 1, 80);
  const shown = open && combo.entries.length > 0;
  const pick = (item: ProductView) => {
    setOpen(false);
    onPick(item);
  };
  return (
    <div className="combo">
      <input
        {...comboAria(listId, shown, combo.active)}
        aria-label={`Description of line ${lineIndex + 1}`}
        aria-invalid={invalid}
        data-line={lineIndex}
        data-col="description"
        data-field={`lines.${lineIndex}.description`}
        value={value}
        placeholder="What was sold (type to pick an item)"
        onChange={(e) => {
          setOpen(true);
          onChange(e.target.value);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => combo.onKey(e, pick, () => setOpen(false))}
      />
      {shown && (
        <ComboList id={listId} entries={combo.entries} active={combo.active} keyOf={(i) => i.id} onPick={pick} className="combo-items" label="Items">
          {(item) => (
            <>
              <b>{item.name}</b> <span className="muted">{item.hsn} · {formatInr(item.unitPricePaise)}{item.isService ? '' : `/${item.unit}`} · {item.gstRate}%</span>
            </>
          )}
        </ComboList>
      )}
    </div>
  );
}
