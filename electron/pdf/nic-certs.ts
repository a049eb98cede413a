/**
 * NIC's signing certificates bundled with the app (resources/nic-certs/*.cert.pem, origin in the
 * folder's README): what `verify-qr`, and anything else that checks a QR or a signed invoice from a
 * supplier, trusts without being told. One small loader so every caller trusts the same set.
 */
import type { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../app/masters';
import { parseCertificates, thumbprint } from './qr-verify';

export interface TrustedCertificate {
  cert: X509Certificate;
  /** Upper-case hex SHA-1 thumbprint: the `kid` of the tokens it signed. */
  kid: string;
  /** Who vouches for it: "NIC production (2020)", "given with --cert", "practice IRP of this install". */
  label: string;
  source: 'bundled' | 'given' | 'practice';
  validFrom: Date;
  validTo: Date;
}

export function trusted(cert: X509Certificate, label: string, source: TrustedCertificate['source']): TrustedCertificate {
  return { cert, kid: thumbprint(cert), label, source, validFrom: new Date(cert.validFrom), validTo: new Date(cert.validTo) };
}

/** nic-production-2020.cert.pem → "NIC production (2020)". */
function labelOf(file: string): string {
  const m = /^nic-([a-z0-9]+)(?:-([0-9a-z-]+))?\.cert\.pem$/i.exec(file);
  return m ? `NIC ${m[1]!.toLowerCase()}${m[2] ? ` (${m[2]})` : ''}` : file;
}

let cache: { dir: string; certs: TrustedCertificate[] } | undefined;

/** The bundled NIC certificates (read once per resources folder; an empty list when there are none). */
export function bundledNicCertificates(dir = join(resourcesDir(), 'nic-certs')): TrustedCertificate[] {
  if (cache?.dir === dir) return cache.certs;
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /\.cert\.pem$/i.test(f)).sort();
  } catch {
    // no folder: nothing bundled
  }
  const certs = files.flatMap((f) => parseCertificates(readFileSync(join(dir, f))).map((c) => trusted(c, labelOf(f), 'bundled')));
  cache = { dir, certs };
  return certs;
}
