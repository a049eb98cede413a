/** A determinate progress bar (the list's bulk register uses the same look): label, done of total. */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;
  return (
    <span className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
      <span style={{ width: `${pct}%` }} />
      <em>{label} {done.toLocaleString('en-IN')} / {total.toLocaleString('en-IN')}</em>
    </span>
  );
}
