/** Which screen is showing. In-memory only: the URL keeps no state (and no token). */
import { create } from 'zustand';

/** A new document made from a saved one: a copy, or a credit/debit note against it (issue 17 item 6). */
export interface EditorSource {
  id: number;
  as: 'copy' | 'CRN' | 'DBN';
}

export type Route =
  | { name: 'dashboard' }
  | { name: 'invoices' }
  | { name: 'editor'; id?: number; from?: EditorSource; recover?: string; fresh?: boolean }
  | { name: 'detail'; id: number }
  | { name: 'activity' }
  | { name: 'settings'; businessId?: number }
  | { name: 'portal' }
  | { name: 'playground' }
  | { name: 'import' }
  | { name: 'items' }
  | { name: 'parties' };

interface NavState {
  route: Route;
  /** Counts moves: pressing "New invoice" again (the same route object) is a move too. */
  moves: number;
  go: (route: Route) => void;
  /**
   * Asked before every navigation; false keeps the current screen (the editor asks to save or
   * discard first when the move would replace a document with unsaved changes).
   */
  guard?: (route: Route) => boolean;
}

export const useNav = create<NavState>((set, get) => ({
  // issue 17: the dashboard (what needs attention today) is the first screen
  route: { name: 'dashboard' },
  moves: 0,
  go: (route) => {
    if (get().guard?.(route) === false) return;
    set({ route, moves: get().moves + 1 });
  },
}));
