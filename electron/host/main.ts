/**
 * `npm start` without Electron: the browser host on the data dir (EINVOICE_HOME or the OS
 * app-data folder) with the practice IRP, printing the one address to open. Ctrl-C stops it.
 * Options: --data DIR, --port N, --static DIR, --no-open. EINVOICE_HOST_TOKEN fixes the access
 * token (the end-to-end tests need to know it; an argument would show in the process list).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir';
import { launchBrowserHost } from './launch';
import { usePrivateUmask } from '../support/private-files';

function openBrowser(url: string): void {
  const desktop = process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!desktop) return;
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser launcher: the printed address is enough
  }
}

async function main(): Promise<void> {
  // Every file the host writes is the user's alone (docs/security.md).
  usePrivateUmask();
  const { values } = parseArgs({
    options: { data: { type: 'string' }, port: { type: 'string' }, static: { type: 'string' }, 'no-open': { type: 'boolean' } },
  });
  const dataDir = values.data ?? defaultDataDir();
  const staticDir = values.static ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port "${values.port}" is not a port number`);
  const token = process.env.EINVOICE_HOST_TOKEN;
  if (token !== undefined && !/^[A-Za-z0-9_-]{32,}$/.test(token)) throw new Error('EINVOICE_HOST_TOKEN must be at least 32 letters, digits, "-" or "_"');
  const app = await launchBrowserHost({ dataDir, staticDir, port, ...(token ? { token } : {}) });
  console.log(`e-Invoice Desk is running at ${app.host.launchUrl}`);
  console.log(`Data folder: ${dataDir}${app.core.vault.kind === 'memory' ? ' (no system keychain: credentials are kept in memory for this session)' : ''}`);
  console.log('Press Ctrl-C to stop.');
  if (!values['no-open']) openBrowser(app.host.launchUrl);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`e-Invoice Desk could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
