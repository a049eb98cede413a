/**
 * `einvoice credentials set NAME`: a profile's secrets into the keychain, filed under the endpoint
 * the profile points at now (client secret and password; a GSP's secret fields too). Prompted
 * without echo on a terminal, else read as lines of standard input in the order `status` lists
 * them. Never argv.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { neededSecrets, writeBound } from '../../app/credential-binding';
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
  summary: 'store a profile\'s secrets (client secret, password, GSP secrets) in the OS keychain',
  usage: 'einvoice credentials set NAME [--data DIR]   (prompts; or pipe one line per secret, in the order "status" lists them: client secret, then password, then any GSP secret)\n       einvoice credentials status NAME [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION });
    const [verb, name] = positionals;
    if ((verb !== 'set' && verb !== 'status') || !name) throw new UsageError('expected "credentials set NAME" or "credentials status NAME"');
    return withApp(values, io, async (app) => {
      const profile = app.ledger.profiles.get(name);
      if (!profile) {
        io.err(`no profile named "${name}": add it first with "einvoice profile add ${name} ..."`);
        return 1;
      }
      const needed = neededSecrets(profile);
      if (verb === 'status') {
        io.out(`${name}: credentials ${(await credentialsSet(profile, app.vault)) ? 'set' : 'not set'} (${app.vault.kind})${needed.length ? `; secrets, in order: ${needed.map((n) => n.label).join(', ')}` : '; this profile needs no secrets'}`);
        return 0;
      }
      if (needed.length === 0) {
        io.err(`${name} uploads files on the e-invoice portal: it keeps no API secrets`);
        return 2;
      }
      const tty = (io.stdin as NodeJS.ReadStream).isTTY === true;
      const answers: string[] = [];
      if (tty) for (const n of needed) answers.push(await promptHidden(`${n.label}: `, io));
      else answers.push(...(await readLines(io.stdin, needed.length)));
      const missing = needed.filter((n, i) => n.required && !answers[i]);
      if (missing.length > 0) {
        io.err(`expected ${needed.map((n) => n.label).join(', ')} (one per line); missing: ${missing.map((n) => n.label).join(', ')}; nothing was stored`);
        return 2;
      }
      for (const [i, n] of needed.entries()) if (answers[i]) await writeBound(app.vault, profile, n.kind, answers[i]);
      io.out(`credentials for ${name} stored in the ${app.vault.kind === 'keychain' ? 'OS keychain' : 'process memory only (no keychain found)'}`);
      return 0;
    });
  },
};
