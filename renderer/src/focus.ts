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
