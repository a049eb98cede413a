/**
 * Test keys and self-signed certificates: one maker for every test that needs an IRP signing
 * certificate, a stub's TLS certificate or an expired one. Nothing here is anyone's real key.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface PemPair {
  /** SPKI PEM. */
  publicKey: string;
  /** PKCS#8 PEM. */
  privateKey: string;
}

export function rsaPair(bits = 2048): PemPair {
  return generateKeyPairSync('rsa', { modulusLength: bits, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}

export interface CertOptions {
  commonName: string;
  serial?: string;
  /** Default: a day ago to a day ahead. */
  notBefore?: Date;
  notAfter?: Date;
  /** An IP address the certificate is for (subjectAltName), for a TLS server on it. */
  ip?: string;
}

/** A certificate for `pair`'s public key, signed by its own private key (SHA-256), as PEM. */
export function selfSignedPem(pair: PemPair, o: CertOptions): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  cert.serialNumber = o.serial ?? '01';
  cert.validity.notBefore = o.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = o.notAfter ?? new Date(Date.now() + 86_400_000);
  const name = [{ name: 'commonName', value: o.commonName }];
  cert.setSubject(name);
  cert.setIssuer(name);
  if (o.ip) cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 7, ip: o.ip }] }]);
  cert.sign(forge.pki.privateKeyFromPem(pair.privateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
