/** Which screen is showing. In-memory only: the URL keeps no state (and no token). */
import { create } from 'zustand';

export type Route =
  | { name: 'invoices' }
  | { name: 'editor'; id?: number }
  | { name: 'detail'; id: number }
  | { name: 'activity' }
  | { name: 'settings' }
  | { name: 'import' };

interface NavState {
  route: Route;
  go: (route: Route) => void;
}

export const useNav = create<NavState>((set) => ({
  route: { name: 'invoices' },
  go: (route) => set({ route }),
}));
