/**
 * Focus after an action lands on something predictable even when the target renders later (a
 * screen loading its data): the request waits, frame by frame for up to two seconds, for the
 * element, then focuses it. A later request replaces an earlier one.
 */
let pending = 0;

export function focusWhenReady(selector: string, timeoutMs = 2000): void {
  const ticket = ++pending;
  const until = performance.now() + timeoutMs;
  const attempt = () => {
    if (ticket !== pending) return;
    const el = document.querySelector<HTMLElement>(selector);
    if (el) {
      // headings and other plain elements take the focus without joining the Tab order
      if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.focus();
      return;
    }
    if (performance.now() < until) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** The element a field key stands for: the cell itself, a line's description for the whole line, a block's first input. */
export function fieldElement(field: string): HTMLElement | null {
  const row = /^lines\.(\d+)\.row$/.exec(field);
  const key = row ? `lines.${row[1]}.description` : field;
  return (
    document.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`) ??
    document.querySelector<HTMLElement>(`[data-field^="${CSS.escape(field)}."]`) ??
    (field === 'original' ? document.querySelector<HTMLElement>('[data-field="original.0.number"]') : null)
  );
}

/** Focuses a field, scrolled into the middle of the screen; false when it is not on screen (a closed block). */
export function focusField(field: string): boolean {
  const el = fieldElement(field);
  if (!el) return false;
  el.focus();
  el.scrollIntoView({ block: 'center' });
  return document.activeElement === el;
}
