/**
 * The `einvoice` command line: dispatches to one module per command under ./commands.
 * Commands load lazily so `einvoice validate` does not pay for SQLite or the HTTP stack.
 */
import { processIo, UsageError, type CliIo, type Command } from './io';
import { usePrivateUmask } from '../support/private-files';

const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import('./commands/validate')).validateCommand,
  irn: async () => (await import('./commands/irn')).irnCommand,
  profile: async () => (await import('./commands/profile')).profileCommand,
  credentials: async () => (await import('./commands/credentials')).credentialsCommand,
  register: async () => (await import('./commands/register')).registerCommand,
  reconcile: async () => (await import('./commands/reconcile')).reconcileCommand,
  cancel: async () => (await import('./commands/irn-ops')).cancelCommand,
  get: async () => (await import('./commands/irn-ops')).getCommand,
  ewb: async () => (await import('./commands/irn-ops')).ewbCommand,
  'ewb-partb': async () => (await import('./commands/ewb-ops')).ewbPartBCommand,
  'ewb-cancel': async () => (await import('./commands/ewb-ops')).ewbCancelCommand,
  'ewb-print': async () => (await import('./commands/ewb-ops')).ewbPrintCommand,
  ledger: async () => (await import('./commands/ledger')).ledgerCommand,
  print: async () => (await import('./commands/print')).printCommand,
  'verify-qr': async () => (await import('./commands/verify-qr')).verifyQrCommand,
  sandbox: async () => (await import('./commands/sandbox')).sandboxCommand,
  portal: async () => (await import('./commands/portal')).portalCommand,
  trace: async () => (await import('./commands/trace')).traceCommand,
  'check-encryption': async () => (await import('./commands/check-encryption')).checkEncryptionCommand,
  import: async () => (await import('./commands/import')).importCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  settings: async () => (await import('./commands/settings')).settingsCommand,
};

function help(io: CliIo, commands: Array<[string, Command]>): void {
  io.out('usage: einvoice <command> [options]\n');
  for (const [name, c] of commands) io.out(`  ${name.padEnd(12)} ${c.summary}`);
  io.out('\nRun "einvoice <command> --help" for a command\'s options.');
}

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  // Every file a command writes (ledger, backups, PDFs, exports) is the user's alone (docs/security.md).
  usePrivateUmask();
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const all = await Promise.all(Object.entries(COMMANDS).map(async ([n, load]) => [n, await load()] as [string, Command]));
    help(io, all);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`einvoice: unknown command "${name}". Run "einvoice help" for the list.`);
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`einvoice ${name}: ${e.message}\nusage: ${command.usage}`);
      return 2;
    }
    io.err(`einvoice ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
