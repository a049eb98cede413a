/**
 * The signers a QR or a signed invoice from a supplier is checked against without being told:
 * NIC's signing certificates and public keys bundled with the app (resources/nic-certs, origin in
 * the folder's README). One small loader so every caller (verify-qr, the invoice detail, the
 * portal results import) trusts the same set and labels each signer's environment the same way.
 *
 * A signer is either a certificate (validity period known, kid = its SHA-1 thumbprint) or a bare
 * public key whose kid and environment are declared by its file name: NIC's kid is the thumbprint
 * of a certificate we do not hold, so nothing about the key itself could tell it.
 */
import { createPublicKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../app/masters';
import { parseCertificates, thumbprint } from './qr-certs';

/**
 * production: a QR it signed is a real e-invoice. sandbox: NIC's test system (anyone can get a
 * sandbox-signed QR for a made-up invoice). practice: this app's own simulator. unknown: a
 * certificate the user vouched for (--cert, a GSP profile's), whose environment we cannot tell.
 */
export type SignerEnvironment = 'production' | 'sandbox' | 'practice' | 'unknown';

export interface TrustedSigner {
  /** Upper-case hex SHA-1 thumbprint of the signing certificate: the `kid` of the tokens it signed. */
  kid: string;
  /** The RSA public key that verifies (the certificate's, or the bare key). */
  key: KeyObject;
  /** Absent for a bare public key: then subject and validity period are unknown. */
  cert?: X509Certificate;
  /** Who vouches for it: "NIC sandbox (2022)", "the certificate given (x.pem)", "the practice IRP of this install". */
  label: string;
  source: 'bundled' | 'given' | 'practice' | 'profile';
  environment: SignerEnvironment;
  /** From the certificate; undefined for a bare key (validity unknown). */
  validFrom?: Date;
  validTo?: Date;
}

/** The former name, from when only certificates were trusted. */
export type TrustedCertificate = TrustedSigner;

const DEFAULT_ENVIRONMENT: Record<TrustedSigner['source'], SignerEnvironment> = { bundled: 'unknown', given: 'unknown', practice: 'practice', profile: 'unknown' };

export function trusted(cert: X509Certificate, label: string, source: TrustedSigner['source'], environment = DEFAULT_ENVIRONMENT[source]): TrustedSigner {
  return { cert, key: cert.publicKey, kid: thumbprint(cert), label, source, environment, validFrom: new Date(cert.validFrom), validTo: new Date(cert.validTo) };
}

/** A bare RSA public key (SPKI or PKCS#1 PEM) with the kid and environment someone declared for it. */
export function trustedKey(pem: string | Buffer, kid: string, label: string, source: TrustedSigner['source'], environment: SignerEnvironment): TrustedSigner {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`${label}: a ${key.asymmetricKeyType ?? 'non-RSA'} key; NIC signs with RSA`);
  return { key, kid: kid.toUpperCase(), label, source, environment };
}

/** How a signer is named in a verdict: its certificate's subject, or "public key <kid>". */
export function signerName(s: TrustedSigner): string {
  return s.cert ? `certificate "${s.cert.subject.replaceAll('\n', ', ')}"` : `public key ${s.kid} (no certificate, so its validity period is unknown)`;
}

/**
 * One signer per kid. The same kid twice is the same NIC certificate: keep the certificate over a
 * bare key (it knows its validity), and keep the environment and label NIC's bundle declares, so a
 * sandbox certificate given with --cert or imported into a profile is still called sandbox.
 */
export function mergeSigners(signers: readonly TrustedSigner[]): TrustedSigner[] {
  const byKid = new Map<string, TrustedSigner>();
  for (const s of signers) {
    const had = byKid.get(s.kid);
    if (!had) {
      byKid.set(s.kid, s);
      continue;
    }
    const material = s.cert || !had.cert ? s : had;
    const naming = had.source === 'bundled' ? had : s.source === 'bundled' ? s : material;
    byKid.set(s.kid, { ...material, label: naming.label, source: naming.source, environment: naming.environment });
  }
  return [...byKid.values()];
}

const ENV = '(production|sandbox)';
/** nic-production-2020.cert.pem */
const CERT_FILE = new RegExp(`^nic-${ENV}(?:-([0-9a-z-]+))?\\.cert\\.pem$`, 'i');
/** nic-sandbox-2022.EDC57DE1358B300BA9F79340A6696831F3C85047.pub.pem */
const KEY_FILE = new RegExp(`^nic-${ENV}(?:-([0-9a-z-]+))?\\.([0-9A-F]{40})\\.pub\\.pem$`, 'i');

const labelOf = (env: string, tag: string | undefined) => `NIC ${env.toLowerCase()}${tag ? ` (${tag})` : ''}`;

export interface SignerFolder {
  signers: TrustedSigner[];
  /** Files that look like signers but could not be used, with the reason (a test keeps this empty). */
  skipped: Array<{ file: string; reason: string }>;
}

/** Reads a folder of *.cert.pem and *.pub.pem files named as above; anything else is ignored. */
export function loadSignerFolder(dir: string): SignerFolder {
  let files: string[];
  try {
    files = readdirSync(dir).sort();
  } catch {
    return { signers: [], skipped: [] }; // no folder: nothing bundled
  }
  const signers: TrustedSigner[] = [];
  const skipped: SignerFolder['skipped'] = [];
  for (const file of files.filter((f) => /\.(cert|pub)\.pem$/i.test(f))) {
    const cert = CERT_FILE.exec(file);
    const key = KEY_FILE.exec(file);
    try {
      const bytes = readFileSync(join(dir, file));
      const env = (cert ?? key)?.[1]?.toLowerCase() as 'production' | 'sandbox' | undefined;
      if (!env) throw new Error('the name does not say nic-production-... or nic-sandbox-... (and, for a .pub.pem, the 40-digit kid)');
      if (cert) signers.push(...parseCertificates(bytes).map((c) => trusted(c, labelOf(env, cert[2]), 'bundled', env)));
      else signers.push(trustedKey(bytes, key![3]!, labelOf(env, key![2]), 'bundled', env));
    } catch (e) {
      skipped.push({ file, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { signers: mergeSigners(signers), skipped };
}

let cache: { dir: string; signers: TrustedSigner[] } | undefined;

/** The bundled NIC signers (read once per resources folder; an empty list when there are none). */
export function bundledNicSigners(dir = join(resourcesDir(), 'nic-certs')): TrustedSigner[] {
  if (cache?.dir === dir) return cache.signers;
  cache = { dir, signers: loadSignerFolder(dir).signers };
  return cache.signers;
}

/** The former name: the bundled signers, certificates and bare keys alike. */
export const bundledNicCertificates = bundledNicSigners;
