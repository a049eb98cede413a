/**
 * Rule findings that do not stop registration (the IRP's old rules kept as warnings, like 2191 or
 * 2245): shown where they belong, in amber, with the IRP code and the fix hint.
 */
import { hintFor } from '../../../shared/einvoice/hints';
import type { Problem } from './Field';

export function Warnings({ warnings }: { warnings: Problem[] | undefined }) {
  if (!warnings?.length) return null;
  return (
    <ul className="ed-warnings" role="note">
      {warnings.map((w, i) => {
        const hint = hintFor(w.code, w.message);
        return (
          <li key={i}>
            <span className="code">{w.code}</span> {w.message}
            {hint && !w.message.includes(hint) && <span className="hint"> — {hint}</span>}
          </li>
        );
      })}
    </ul>
  );
}
