/**
 * `einvoice credentials set NAME`: the client secret and password of a profile, into the vault.
 * Prompted without echo on a terminal, else read as two lines of standard input. Never argv.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { credentialAccount } from '../../vault';
import { credentialsSet } from '../../app/credentials';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';

async function readLines(stream: NodeJS.ReadableStream, count: number): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of rl) {
    lines.push(line);
    if (lines.length === count) break;
  }
  rl.close();
  return lines;
}

async function promptHidden(question: string, io: CliIo): Promise<string> {
  const muted = new Writable({ write: (_c, _e, done) => done() });
  const rl = createInterface({ input: io.stdin, output: muted, terminal: true });
  io.err(question);
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  return answer;
}

export const credentialsCommand: Command = {
  summary: 'store a profile\'s client secret and password in the OS keychain',
  usage: 'einvoice credentials set NAME [--data DIR]   (prompts; or pipe two lines: client secret, then password)\n       einvoice credentials status NAME [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION });
    const [verb, name] = positionals;
    if ((verb !== 'set' && verb !== 'status') || !name) throw new UsageError('expected "credentials set NAME" or "credentials status NAME"');
    return withApp(values, io, async (app) => {
      if (!app.ledger.profiles.get(name)) {
        io.err(`no profile named "${name}": add it first with "einvoice profile add ${name} ..."`);
        return 1;
      }
      if (verb === 'status') {
        io.out(`${name}: credentials ${(await credentialsSet(name, app.vault)) ? 'set' : 'not set'} (${app.vault.kind})`);
        return 0;
      }
      const tty = (io.stdin as NodeJS.ReadStream).isTTY === true;
      const [secret, password] = tty
        ? [await promptHidden('Client secret: ', io), await promptHidden('Password: ', io)]
        : await readLines(io.stdin, 2);
      if (!secret || !password) {
        io.err('expected the client secret and the password (two lines); nothing was stored');
        return 2;
      }
      await app.vault.set(credentialAccount(name, 'client-secret'), secret);
      await app.vault.set(credentialAccount(name, 'password'), password);
      io.out(`credentials for ${name} stored in the ${app.vault.kind === 'keychain' ? 'OS keychain' : 'process memory only (no keychain found)'}`);
      return 0;
    });
  },
};
