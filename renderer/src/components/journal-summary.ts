/** One line of a journal entry's details for people: ids, attempt, error codes and messages. */
export function summary(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  const d = details as Record<string, unknown>;
  const errors = Array.isArray(d.errors) ? (d.errors as Array<{ code?: string; message?: string }>).map((e) => `${e.code ?? ''} ${e.message ?? ''}`).join('; ') : '';
  const bits = ['irn', 'ackNo', 'attempt', 'docNo', 'profile', 'reason', 'file'].filter((k) => d[k] !== undefined && d[k] !== null).map((k) => `${k} ${String(d[k])}`);
  return [...bits, errors].filter(Boolean).join(' · ');
}
