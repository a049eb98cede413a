/**
 * Nothing typed is lost by moving on (issue 17 item 1): going to another screen keeps the document
 * in the editor (and in its working copy); only a move that would put another document in the
 * editor while this one has unsaved changes stops, and asks to save the draft or discard the
 * changes (LeaveDialog). "New invoice" with unsaved work goes back to that work.
 */
import { create } from 'zustand';
import { useEditor } from './editor.store';
import { targetKey } from './editor.open';
import { useNav, type Route } from './nav.store';

interface LeaveState {
  /** The move waiting for an answer. */
  pending?: Route;
}

export const useLeave = create<LeaveState>(() => ({}));

function wouldReplace(route: Route): boolean {
  if (route.name !== 'editor') return false;
  const ed = useEditor.getState();
  if (!ed.dirty || ed.docKey === '') return false;
  const key = targetKey(route);
  if (key === 'new' && !route.fresh) return false;
  return key !== ed.docKey;
}

let installed = false;

export function installLeaveGuard(): void {
  if (installed) return;
  installed = true;
  useNav.setState({
    guard: (route) => {
      if (!wouldReplace(route)) return true;
      useLeave.setState({ pending: route });
      return false;
    },
  });
}

/** After the answer: go where the user was going (the editor has nothing unsaved any more). */
export function proceed(): void {
  const route = useLeave.getState().pending;
  useLeave.setState({ pending: undefined });
  if (route) useNav.getState().go(route);
}

/** "Keep editing": back to the document with the unsaved changes. */
export function stay(): void {
  useLeave.setState({ pending: undefined });
  useNav.setState({ route: { name: 'editor' } });
}
