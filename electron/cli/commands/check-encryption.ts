/**
 * `einvoice check-encryption auth FILE | sek --appkey B64 --sek B64 | payload --sek B64 FILE | key`:
 * what an integrator's own system produced, checked against NIC's rules with one verdict per
 * mistake (docs/playground.md). Exit 0 OK (or a valid legacy v1.03 body), 1 any other verdict,
 * 2 when the input cannot be read.
 */
import { dataPaths } from '../../app/data-dir';
import { checkEncryption, practiceKeyPair } from '../../playground/service';
import { DATA_OPTION, dataDirFrom } from '../app';
import { parse } from '../args';
import { UsageError, type Command } from '../io';
import { printCheck, readBoundedText } from './playground-io';

export const checkEncryptionCommand: Command = {
  summary: 'check what your own system encrypted (auth payload, AppKey + Sek, SEK payload): one verdict per mistake',
  usage: [
    'einvoice check-encryption auth FILE [--practice-data DIR] [--json] [--data DIR]   (FILE: {"Data":...}, v1.03 {"data":{...}}, or the Base64 text; - reads stdin)',
    '       einvoice check-encryption sek --appkey B64 --sek B64 [--json]',
    '       einvoice check-encryption payload --sek B64 FILE [--json]',
    '       einvoice check-encryption key [--practice-data DIR] [--data DIR]   (the practice IRP\'s public key to encrypt with)',
    '  verdicts: OK NOT_BASE64 WRONG_KEY OAEP_PADDING JSON_NOT_BASE64_ENCODED BASE64_TWICE NOT_JSON MISSING_FIELD APPKEY_NOT_32_BYTES LEGACY_V103 NOT_INV01',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...DATA_OPTION, 'practice-data': { type: 'string' }, appkey: { type: 'string' }, sek: { type: 'string' }, json: { type: 'boolean', default: false },
    });
    const [kind, file, extra] = positionals;
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const practiceDir = values['practice-data'] ?? dataPaths(dataDirFrom(values, io)).practiceIrp;
    if (kind === 'key') {
      const k = practiceKeyPair(practiceDir);
      if (values.json) io.out(JSON.stringify({ publicKeyPem: k.publicKeyPem, sha256: k.thumbprint }));
      else io.out(`${k.publicKeyPem.trim()}\nSHA-256 (DER SubjectPublicKeyInfo): ${k.thumbprint}`);
      return 0;
    }
    if (kind !== 'auth' && kind !== 'sek' && kind !== 'payload') throw new UsageError('expected auth, sek, payload or key');
    if (kind === 'sek' && (values.appkey === undefined || values.sek === undefined || file !== undefined)) throw new UsageError('sek takes --appkey B64 and --sek B64, and no FILE');
    if (kind === 'payload' && values.sek === undefined) throw new UsageError('payload needs --sek B64 (the decrypted 32-byte session key)');
    if (kind !== 'sek' && file === undefined) throw new UsageError(`${kind} needs a FILE (or - for standard input)`);
    let input: string | undefined;
    if (file !== undefined) {
      const read = await readBoundedText(file, io);
      if (!read.ok) {
        if (values.json) io.out(JSON.stringify({ ok: false, error: read.message }));
        io.err(read.message);
        return 2;
      }
      input = read.text;
    }
    const result = checkEncryption({ kind, ...(input !== undefined ? { input } : {}), ...(values.appkey !== undefined ? { appKey: values.appkey } : {}), ...(values.sek !== undefined ? { sek: values.sek } : {}) }, practiceDir, io.now());
    if (values.json) io.out(JSON.stringify(result));
    else printCheck(io, result);
    return result.ok ? 0 : 1;
  },
};
