/** Which screen is showing. In-memory only: the URL keeps no state (and no token). */
import { create } from 'zustand';

export type Route =
  | { name: 'dashboard' }
  | { name: 'invoices' }
  | { name: 'editor'; id?: number }
  | { name: 'detail'; id: number }
  | { name: 'activity' }
  | { name: 'settings' }
  | { name: 'portal' }
  | { name: 'playground' }
  | { name: 'import' };

interface NavState {
  route: Route;
  go: (route: Route) => void;
}

export const useNav = create<NavState>((set) => ({
  // issue 17: the dashboard (what needs attention today) is the first screen
  route: { name: 'dashboard' },
  go: (route) => set({ route }),
}));
