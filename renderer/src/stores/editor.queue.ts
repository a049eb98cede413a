/**
 * The editor's writes to the ledger, one at a time and in order: an autosaved working copy must
 * never land after the draft save that cleared it (it would come back as "unsaved" on restart).
 */
let queue: Promise<unknown> = Promise.resolve();

export function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn);
  queue = next.catch(() => undefined);
  return next;
}
