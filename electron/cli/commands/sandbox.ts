/**
 * `einvoice sandbox`: runs the practice IRP until SIGINT/SIGTERM. Prints exactly one line,
 * "practice IRP listening on http://127.0.0.1:PORT", once it accepts requests (scripts wait for it).
 * Data directory: --data, else $EINVOICE_HOME/practice-irp, else the OS application-data folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startPracticeIrp } from '../../sandbox/index';
import { parse } from '../args';
import { UsageError, type Command } from '../io';

/** The default data directory (documented in docs/practice-irp.md). */
export function defaultPracticeDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.EINVOICE_HOME) return join(env.EINVOICE_HOME, 'practice-irp');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'e-Invoice Desk', 'practice-irp');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'e-Invoice Desk', 'practice-irp');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'e-invoice-desk', 'practice-irp');
}

function wholeNumber(text: string | undefined, name: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

export const sandboxCommand: Command = {
  summary: 'run the practice IRP (a local simulator of NIC\'s e-invoice API) on 127.0.0.1',
  usage: 'einvoice sandbox [--port N] [--data DIR] [--token-ttl-min M]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      port: { type: 'string' },
      data: { type: 'string' },
      'token-ttl-min': { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = wholeNumber(values.port, '--port', 0, 65535) ?? 0;
    const ttl = wholeNumber(values['token-ttl-min'], '--token-ttl-min', 1, 24 * 60) ?? 60;
    const dataDir = values.data ?? defaultPracticeDataDir(io.env);
    const irp = await startPracticeIrp({ dataDir, port, tokenTtlMinutes: ttl });
    io.out(`practice IRP listening on ${irp.url}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    // close() lets in-flight requests finish; every registration was committed before its reply.
    await irp.close();
    return 0;
  },
};
