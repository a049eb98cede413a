/** The shell: navigation, the IRP/connection banner, and the current screen. */
import { lazy, Suspense, useEffect } from 'react';
import { hasToken, invoke, onEvent } from './api/client';
import { istTime } from './format';
import { Dashboard } from './screens/Dashboard';
import { failureInWords } from './plain';

// The first screen is the dashboard; the rest (the list's date fields, rules, QR encoder) load when first opened.
const InvoiceList = lazy(() => import('./screens/InvoiceList').then((m) => ({ default: m.InvoiceList })));
const Editor = lazy(() => import('./screens/Editor').then((m) => ({ default: m.Editor })));
const Detail = lazy(() => import('./screens/Detail').then((m) => ({ default: m.Detail })));
const Activity = lazy(() => import('./screens/Activity').then((m) => ({ default: m.Activity })));
const Settings = lazy(() => import('./screens/Settings').then((m) => ({ default: m.Settings })));
const Portal = lazy(() => import('./screens/Portal').then((m) => ({ default: m.Portal })));
const Playground = lazy(() => import('./screens/Playground').then((m) => ({ default: m.Playground })));
const Import = lazy(() => import('./screens/Import').then((m) => ({ default: m.Import })));
const Items = lazy(() => import('./screens/Items').then((m) => ({ default: m.Items })));
const Parties = lazy(() => import('./screens/Parties').then((m) => ({ default: m.Parties })));
import { HelpOverlay, useHelp } from './components/HelpOverlay';
import { LeaveDialog } from './components/LeaveDialog';
import { RecoveryBanner } from './components/RecoveryBanner';
import { useApp } from './stores/app.store';
import { useInvoices } from './stores/invoices.store';
import { useNav, type Route } from './stores/nav.store';

const TABS: Array<{ label: string; route: Route; key: string }> = [
  { label: 'Dashboard', route: { name: 'dashboard' }, key: 'dashboard' },
  { label: 'Invoices', route: { name: 'invoices' }, key: 'invoices' },
  { label: 'New invoice', route: { name: 'editor' }, key: 'editor' },
  { label: 'Import', route: { name: 'import' }, key: 'import' },
  { label: 'Items', route: { name: 'items' }, key: 'items' },
  { label: 'Parties', route: { name: 'parties' }, key: 'parties' },
  { label: 'Activity', route: { name: 'activity' }, key: 'activity' },
  { label: 'Portal', route: { name: 'portal' }, key: 'portal' },
  { label: 'Settings', route: { name: 'settings' }, key: 'settings' },
  { label: 'Playground', route: { name: 'playground' }, key: 'playground' },
];

function Banner() {
  const { health, connected, info } = useApp();
  if (!connected) return <div className="banner banner-error" role="alert">Not connected to e-Invoice Desk. Reconnecting…</div>;
  return (
    <>
      {health?.irpDown && (
        <div className="banner banner-warn" role="alert" data-testid="banner-irp-down">
          The IRP (the government&apos;s e-invoice system) is not answering right now
          {health.lastFailure ? `: ${failureInWords(health.lastFailure.codes, health.lastFailure.message)}` : ''}. You can keep working:{' '}
          {health.queued + health.inFlight} invoice{health.queued + health.inFlight === 1 ? ' is' : 's are'} waiting and will be sent automatically
          {health.nextRetryAt ? `, next try at ${istTime(health.nextRetryAt)}` : ''}.
        </div>
      )}
      {info?.vault.kind === 'memory' && (
        <div className="banner banner-info" data-testid="banner-vault">
          Passwords are kept in this computer&apos;s memory only until you close the app: install or unlock the system keychain to keep them.
        </div>
      )}
    </>
  );
}

/** The desktop menu's commands: navigation, or the PDF actions of the invoice on screen. */
function onMenuCommand(command: 'new-invoice' | 'print' | 'save-pdf' | 'settings' | 'help'): void {
  const { route, go } = useNav.getState();
  if (command === 'new-invoice') go({ name: 'editor' });
  else if (command === 'settings') go({ name: 'settings' });
  else if (command === 'help') useHelp.setState({ open: true });
  else if (route.name === 'detail') void invoke(command === 'print' ? 'pdf:print' : 'pdf:save', { id: route.id }).catch(() => undefined);
  else window.alert('Open an invoice first: printing and saving work on the invoice shown.');
}

export function App() {
  const { route, go } = useNav();
  const { info, loadInfo, loadHealth } = useApp();

  useEffect(() => {
    void loadInfo();
    void loadHealth();
    const timer = setInterval(() => void loadHealth(), 15_000);
    const off = onEvent((e) => {
      if (e.type === 'ledger:changed') void loadHealth();
      if (e.type === 'register:progress') useInvoices.getState().onProgress(e.done, e.total);
      if (e.type === 'menu:command') onMenuCommand(e.command);
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [loadInfo, loadHealth]);

  if (!hasToken()) {
    return (
      <main className="center">
        <h1>e-Invoice Desk</h1>
        <p>Open the address e-Invoice Desk printed when it started (it ends with <code>#token=…</code>).</p>
      </main>
    );
  }

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">e-Invoice Desk{info?.practice && <span className="chip chip-practice" title="Invoices go to the practice IRP on this computer, not to NIC">Practice</span>}</div>
        <nav>
          {TABS.map((t) => (
            <button key={t.key} className={route.name === t.route.name ? 'tab active' : 'tab'} onClick={() => go(t.route)}>
              {t.label}
            </button>
          ))}
        </nav>
      </header>
      <Banner />
      <RecoveryBanner />
      <main className="content">
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {route.name === 'dashboard' && <Dashboard />}
          {route.name === 'invoices' && <InvoiceList />}
          {route.name === 'editor' && <Editor key={route.id ?? 'new'} id={route.id} from={route.from} recover={route.recover} fresh={route.fresh} />}
          {route.name === 'detail' && <Detail key={route.id} id={route.id} />}
          {route.name === 'activity' && <Activity />}
          {route.name === 'settings' && <Settings />}
          {route.name === 'portal' && <Portal />}
          {route.name === 'playground' && <Playground />}
          {route.name === 'import' && <Import />}
          {route.name === 'items' && <Items />}
          {route.name === 'parties' && <Parties />}
        </Suspense>
      </main>
      <HelpOverlay />
      <LeaveDialog />
    </div>
  );
}
