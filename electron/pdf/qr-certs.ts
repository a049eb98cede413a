/** Reading signing certificates as NIC publishes them, and NIC's kid for one. */
import { X509Certificate } from 'node:crypto';

export class CertificateError extends Error {
  override name = 'CertificateError';
}

/** Certificates from a PEM bundle (one or more) or a single DER .cer file, as NIC publishes them. */
export function parseCertificates(bytes: Buffer): X509Certificate[] {
  const text = bytes.toString('latin1');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  try {
    if (blocks) return blocks.map((b) => new X509Certificate(b));
    if (text.includes('-----BEGIN')) throw new CertificateError('the file holds no "BEGIN CERTIFICATE" block (a public key alone is not accepted)');
    return [new X509Certificate(bytes)];
  } catch (e) {
    if (e instanceof CertificateError) throw e;
    throw new CertificateError(`not an X.509 certificate (PEM or DER): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** NIC's kid: the upper-case hex SHA-1 thumbprint of the signing certificate. */
export function thumbprint(cert: X509Certificate): string {
  return cert.fingerprint.replaceAll(':', '').toUpperCase();
}
