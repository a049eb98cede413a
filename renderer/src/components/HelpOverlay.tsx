/**
 * Every keyboard shortcut in one place (issue 17 item 7), opened with F1 (or "?" outside a text
 * field, or Help in the desktop menu) and closed with Escape.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { ModalDialog } from './ModalDialog';

export const useHelp = create<{ open: boolean }>(() => ({ open: false }));

const SECTIONS: ReadonlyArray<[string, ReadonlyArray<[string, string]>]> = [
  ['Everywhere', [
    ['F1 or ?', 'this list of keys'],
    ['Tab / Shift+Tab', 'next / previous field or button'],
    ['Enter or Space', 'press the focused button'],
    ['Escape', 'close a dialog or a list of suggestions'],
  ]],
  ['Invoice editor', [
    ['Ctrl+S', 'save the draft'],
    ['Ctrl+Enter', 'register with the IRP (asks first; with problems left, goes to the first)'],
    ['F8 / Shift+F8', 'next / previous problem'],
    ['Alt+N', 'new line'],
    ['Enter on the last GST rate or cess', 'new line'],
    ['Ctrl+Delete', 'remove the line the focus is in'],
    ['↓ / ↑ then Enter', 'pick an item, an HSN/SAC code or a suggestion'],
    ['Enter in the buyer GSTIN', 'look the buyer up in the GST master'],
  ]],
  ['Dates', [
    ['4/12/2026, 04-12-2026, 04.12.26', 'all mean 04/12/2026 (day first); an impossible date such as 31/02 is refused with a message'],
  ]],
  ['Invoices list', [
    ['↓ / ↑', 'move between rows'],
    ['Enter', 'open the invoice'],
    ['Space', 'select the row for "Register selected"'],
  ]],
  ['Items and parties', [
    ['Tab to a row, Enter', 'edit it'],
    ['Type in the search box', 'find by words, HSN/SAC or GSTIN'],
  ]],
];

export function HelpOverlay() {
  const open = useHelp((s) => s.open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      const typing = t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable;
      if (e.key === 'F1' || (e.key === '?' && !typing)) {
        e.preventDefault();
        useHelp.setState({ open: true });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <ModalDialog isOpen={open} onClose={() => useHelp.setState({ open: false })} role="dialog" testId="help-overlay" title="Keyboard shortcuts">
      <div className="help-keys">
        {SECTIONS.map(([title, keys]) => (
          <section key={title}>
            <h3>{title}</h3>
            <dl>
              {keys.map(([k, what]) => (
                <div key={k}><dt><kbd>{k}</kbd></dt><dd>{what}</dd></div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="actions"><button type="button" className="secondary" onClick={() => useHelp.setState({ open: false })} autoFocus>Close</button></div>
    </ModalDialog>
  );
}
