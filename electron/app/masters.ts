/** Loads the master data files under resources/ for the Node hosts (app core, CLI, practice IRP). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHsnTsv, type HsnMaster } from '../../shared/gst/hsn';

/** resources/ of this checkout, or EINVOICE_RESOURCES (set by the packaged app). */
export function resourcesDir(): string {
  return process.env.EINVOICE_RESOURCES ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');
}

let hsn: HsnMaster | undefined;

export function hsnMasterText(): string {
  return readFileSync(join(resourcesDir(), 'masters', 'hsn-codes.tsv'), 'utf8');
}

/** The HSN/SAC master, parsed once per process. */
export function loadHsnMaster(): HsnMaster {
  hsn ??= parseHsnTsv(hsnMasterText());
  return hsn;
}
