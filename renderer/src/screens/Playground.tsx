/**
 * The integrator's Playground (issue 15, docs/playground.md): every step of NIC's protocol traced,
 * your own encryption checked, and the scenario catalogue with the Test Summary Report.
 */
import { useEffect, useState } from 'react';
import { usePlayground } from '../stores/playground.store';
import { PlaygroundCheck } from './PlaygroundCheck';
import { PlaygroundScenarios } from './PlaygroundScenarios';
import { PlaygroundTrace } from './PlaygroundTrace';
import './playground.css';

const PARTS = [['trace', 'Trace an exchange'], ['check', 'Check my encryption'], ['scenarios', 'Scenarios and test report']] as const;
type Part = (typeof PARTS)[number][0];

export function Playground() {
  const { load, error } = usePlayground();
  const [part, setPart] = useState<Part>('trace');
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="playground">
      <h1>Playground</h1>
      <p className="muted pg-intro">For the people who connect an ERP to the IRP: see every value NIC's protocol exchanges, check what your own system encrypts, and run the tests NIC asks for before production access.</p>
      <div className="pg-tabs" role="tablist" aria-label="Playground">
        {PARTS.map(([p, label]) => (
          <button key={p} role="tab" aria-selected={part === p} className={part === p ? 'tab-pg active' : 'tab-pg'} onClick={() => setPart(p)}>{label}</button>
        ))}
      </div>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      <div role="tabpanel">
        {part === 'trace' && <PlaygroundTrace />}
        {part === 'check' && <PlaygroundCheck />}
        {part === 'scenarios' && <PlaygroundScenarios />}
      </div>
    </section>
  );
}
