/**
 * Endpoint profiles: where an IRP lives and the two public keys that go with it (irp-protocol.md
 * §1.1, §2.1). The encryption public key protects the auth payload; the signing certificate verifies
 * SignedInvoice/SignedQRCode. They differ per environment and IRP, and mixing them up is the most
 * common set-up mistake, so the PEM checks below say which file was given where.
 */
import { X509Certificate, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CLIENT_CODES, IrpError } from './errors';

export type EndpointKind = 'practice' | 'nic-sandbox' | 'nic-production' | 'gsp';

export interface EndpointProfile {
  name: string;
  kind: EndpointKind;
  baseUrl: string;
  /** Which NIC IRP this profile talks to; sent as the `irp` header only for criss-cross calls. */
  irp?: 'NIC1' | 'NIC2';
  encryptionPublicKeyPem: string;
  signingCertificatePem: string;
  /** GSPs add their own headers (subscription keys and the like). */
  extraHeaders?: Record<string, string>;
  timeouts?: { connectMs?: number; readMs?: number };
}

export { KNOWN_BASE_URLS } from '../../shared/irp-hosts';

export const DEFAULT_TIMEOUTS = { connectMs: 10_000, readMs: 60_000 } as const;

function configError(message: string, hint?: string, cause?: unknown): IrpError {
  return new IrpError({ kind: 'protocol', code: CLIENT_CODES.config, message, ...(hint ? { hint } : {}), ...(cause !== undefined ? { cause } : {}) });
}

function pemLabels(text: string): string[] {
  return [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1] ?? '');
}

/** Checks and normalises an encryption public key (SPKI or PKCS#1 PEM, RSA ≥ 2048 bits) to SPKI PEM. */
export function checkEncryptionKeyPem(pem: string, source = 'the encryption key'): string {
  const labels = pemLabels(pem);
  if (labels.length === 0) throw configError(`${source} is not a PEM file (no "-----BEGIN ...-----" line).`, 'Export the key as PEM text.');
  if (labels.includes('CERTIFICATE')) {
    throw configError(`${source} is a certificate, which is what the signing certificate looks like; the encryption key is a "PUBLIC KEY".`,
      'Swap the two files: the encryption public key goes here, the certificate goes in "signing certificate".');
  }
  if (labels.some((l) => l.includes('PRIVATE'))) throw configError(`${source} is a private key; the IRP only ever gives you its public key.`);
  if (!labels.some((l) => l === 'PUBLIC KEY' || l === 'RSA PUBLIC KEY')) throw configError(`${source} holds a "${labels[0]}", not a public key.`);
  let key;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw configError(`${source} is damaged: the PEM text does not decode to a public key.`, undefined, e);
  }
  if (key.asymmetricKeyType !== 'rsa') throw configError(`${source} is a ${key.asymmetricKeyType ?? 'non-RSA'} key; the IRP uses RSA.`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw configError(`${source} is a ${bits}-bit RSA key; the IRP's keys are 2048-bit.`);
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** Checks a signing certificate: an X.509 PEM certificate with an RSA key. */
export function checkSigningCertificatePem(pem: string, source = 'the signing certificate'): string {
  const labels = pemLabels(pem);
  if (labels.length === 0) throw configError(`${source} is not a PEM file (no "-----BEGIN ...-----" line).`, 'Export the certificate as PEM (Base64) text.');
  if (!labels.includes('CERTIFICATE')) {
    const looksLikeEncryptionKey = labels.includes('PUBLIC KEY') || labels.includes('RSA PUBLIC KEY');
    throw configError(
      looksLikeEncryptionKey
        ? `${source} is a bare public key, which is what the encryption key looks like; the signing certificate is a "CERTIFICATE".`
        : `${source} holds a "${labels[0]}", not a certificate.`,
      looksLikeEncryptionKey ? 'Swap the two files, or import the IRP\'s signing certificate (.cer/.pem).' : undefined,
    );
  }
  let cert;
  try {
    cert = new X509Certificate(pem);
  } catch (e) {
    throw configError(`${source} is damaged: the PEM text does not decode to a certificate.`, undefined, e);
  }
  if (cert.publicKey.asymmetricKeyType !== 'rsa') throw configError(`${source} carries a ${cert.publicKey.asymmetricKeyType ?? 'non-RSA'} key; IRP signatures are RS256.`);
  return cert.toString();
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw configError(code === 'ENOENT' ? `The ${what} file ${path} does not exist.` : `The ${what} file ${path} cannot be read (${code ?? 'error'}).`, undefined, e);
  }
}

export async function loadEncryptionKeyFile(path: string): Promise<string> {
  return checkEncryptionKeyPem(await readPem(path, 'encryption key'), `the encryption key file ${path}`);
}

export async function loadSigningCertificateFile(path: string): Promise<string> {
  return checkSigningCertificatePem(await readPem(path, 'signing certificate'), `the signing certificate file ${path}`);
}

/** Checks a profile's URL and keys; returns it with normalised PEMs and no trailing slash. */
export function checkProfile(p: EndpointProfile): EndpointProfile {
  let url: URL;
  try {
    url = new URL(p.baseUrl);
  } catch {
    throw configError(`The endpoint URL of profile "${p.name}" is not a URL: ${p.baseUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw configError(`The endpoint URL of profile "${p.name}" must start with https://`);
  if (url.protocol === 'http:' && p.kind !== 'practice') {
    throw configError(`Profile "${p.name}" would send credentials without TLS (http://); only the practice IRP may use plain HTTP.`);
  }
  return {
    ...p,
    baseUrl: p.baseUrl.replace(/\/+$/, ''),
    encryptionPublicKeyPem: checkEncryptionKeyPem(p.encryptionPublicKeyPem, `the encryption key of profile "${p.name}"`),
    signingCertificatePem: checkSigningCertificatePem(p.signingCertificatePem, `the signing certificate of profile "${p.name}"`),
  };
}

/** The practice IRP publishes its keys at GET {baseUrl}/sandbox/keys. */
export async function fetchPracticeKeys(baseUrl: string, timeoutMs = 10_000): Promise<{ encryptionPublicKeyPem: string; signingCertificatePem: string }> {
  const url = `${baseUrl.replace(/\/+$/, '')}/sandbox/keys`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new IrpError({ kind: 'down', code: CLIENT_CODES.refused, retriable: true, cause: e, message: `The practice IRP at ${baseUrl} cannot be reached.`, hint: 'Start the practice IRP, or check its address.' });
  }
  if (!res.ok) throw configError(`The practice IRP at ${baseUrl} answered HTTP ${res.status} for its keys.`, 'Check that this address is the practice IRP.');
  let body: unknown;
  try {
    body = await res.json();
  } catch (e) {
    throw configError(`The practice IRP at ${baseUrl} sent keys that are not JSON.`, undefined, e);
  }
  const b = (body ?? {}) as { encryptionPublicKeyPem?: unknown; signingCertificatePem?: unknown };
  if (typeof b.encryptionPublicKeyPem !== 'string' || typeof b.signingCertificatePem !== 'string') {
    throw configError(`The practice IRP at ${baseUrl} did not send encryptionPublicKeyPem and signingCertificatePem.`);
  }
  return {
    encryptionPublicKeyPem: checkEncryptionKeyPem(b.encryptionPublicKeyPem, 'the practice IRP\'s encryption key'),
    signingCertificatePem: checkSigningCertificatePem(b.signingCertificatePem, 'the practice IRP\'s signing certificate'),
  };
}

/** A ready practice profile for a running practice IRP. */
export async function practiceProfile(baseUrl: string, name = 'practice'): Promise<EndpointProfile> {
  const keys = await fetchPracticeKeys(baseUrl);
  return { name, kind: 'practice', baseUrl: baseUrl.replace(/\/+$/, ''), ...keys };
}
