/** `einvoice sandbox`: its default data directory and its argument checks. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPracticeDataDir, sandboxCommand } from '../../electron/cli/commands/sandbox';
import { UsageError, type CliIo } from '../../electron/cli/io';

describe('defaultPracticeDataDir', () => {
  it('prefers EINVOICE_HOME, else the OS application-data folder', () => {
    expect(defaultPracticeDataDir({ EINVOICE_HOME: '/data/einv' }, 'linux')).toBe(join('/data/einv', 'practice-irp'));
    expect(defaultPracticeDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe(join('/xdg', 'e-invoice-desk', 'practice-irp'));
    expect(defaultPracticeDataDir({}, 'linux')).toBe(join(homedir(), '.local', 'share', 'e-invoice-desk', 'practice-irp'));
    expect(defaultPracticeDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'e-Invoice Desk', 'practice-irp'));
    expect(defaultPracticeDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\a\\AppData\\Roaming', 'e-Invoice Desk', 'practice-irp'));
  });
});

describe('sandbox arguments', () => {
  const io = { out: () => undefined, err: () => undefined, env: {}, now: () => new Date() } as unknown as CliIo;
  it('refuses bad ports, TTLs and stray arguments with a UsageError', async () => {
    for (const args of [['--port', '70000'], ['--port', 'x'], ['--token-ttl-min', '0'], ['extra'], ['--nope']]) {
      await expect(sandboxCommand.run(args, io), args.join(' ')).rejects.toBeInstanceOf(UsageError);
    }
  });
});
