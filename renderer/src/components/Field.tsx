/** A labelled input with the rule violations that belong to it (IRP code, message, fix hint). */
import type { ReactNode } from 'react';
import { hintFor } from '../../../shared/einvoice/hints';
import { Warnings } from './Warnings';

export interface Problem {
  code: string;
  message: string;
}

export function Problems({ problems, id }: { problems: Problem[] | undefined; id?: string }) {
  if (!problems?.length) return null;
  return (
    <ul className="problems" id={id} role="alert">
      {problems.map((p, i) => {
        const hint = hintFor(p.code, p.message);
        return (
          <li key={i}>
            <span className="code">{p.code}</span> {p.message}
            {hint && !p.message.includes(hint) && <span className="hint"> — {hint}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** `note`: a line under the control that is not part of its name (what the number field says about itself). */
export function Field({ label, problems, warnings, children, wide, note }: { label: string; problems?: Problem[]; warnings?: Problem[]; children: ReactNode; wide?: boolean; note?: ReactNode }) {
  return (
    <div className={`field${problems?.length ? ' invalid' : ''}${wide ? ' wide' : ''}`}>
      <label>
        <span className="label">{label}</span>
        {children}
      </label>
      {note}
      <Problems problems={problems} />
      <Warnings warnings={warnings} />
    </div>
  );
}
