/**
 * The practice IRP's two key pairs (irp-protocol.md §2.1, §13.1): an RSA-2048 *encryption* key
 * (clients encrypt the auth payload with its public half) and a separate RSA-2048 *signing* key with
 * a self-signed X.509 certificate whose SHA-1 thumbprint is the JWS `kid` (upper-case hex) and
 * `x5t` (base64url). Generated once and kept as PEM files in the data directory so restarts keep
 * them (and tokens signed earlier still verify).
 */
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface PracticeKeys {
  encryptionPublicKeyPem: string;
  /** node-forge key: Node's crypto refuses PKCS#1 v1.5 private decryption (CVE-2023-46809 fix). */
  encryptionPrivateKey: forge.pki.rsa.PrivateKey;
  signingKey: KeyObject;
  signingCertificatePem: string;
  /** Upper-case hex SHA-1 of the certificate DER. */
  kid: string;
  /** The same 20 bytes, base64url. */
  x5t: string;
}

const FILES = {
  encKey: 'encryption-private-key.pem',
  encPub: 'encryption-public-key.pem',
  signKey: 'signing-private-key.pem',
  signCert: 'signing-certificate.pem',
} as const;

function rsaPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function selfSignedCertificate(privatePem: string, publicPem: string): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 86_400_000);
  cert.validity.notAfter = new Date(now.getTime() + 20 * 365 * 86_400_000);
  const subject = [
    { name: 'commonName', value: 'e-Invoice Desk practice IRP signing' },
    { name: 'organizationName', value: 'e-Invoice Desk (practice, not NIC)' },
    { name: 'countryName', value: 'IN' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true }]);
  cert.sign(forge.pki.privateKeyFromPem(privatePem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

function certificateDer(pem: string): Buffer {
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

/** Loads the keys from `dataDir`, creating and saving them on first use. */
export function loadOrCreateKeys(dataDir: string): PracticeKeys {
  const path = (f: string) => join(dataDir, f);
  if (!Object.values(FILES).every((f) => existsSync(path(f)))) {
    const enc = rsaPair();
    const sign = rsaPair();
    const cert = selfSignedCertificate(sign.privateKey, sign.publicKey);
    // Write the certificate last: its presence marks a complete set.
    writeFileSync(path(FILES.encKey), enc.privateKey, { mode: 0o600 });
    writeFileSync(path(FILES.encPub), enc.publicKey);
    writeFileSync(path(FILES.signKey), sign.privateKey, { mode: 0o600 });
    writeFileSync(path(FILES.signCert), cert);
  }
  const certPem = readFileSync(path(FILES.signCert), 'utf8');
  const thumb = createHash('sha1').update(certificateDer(certPem)).digest();
  return {
    encryptionPublicKeyPem: readFileSync(path(FILES.encPub), 'utf8'),
    encryptionPrivateKey: forge.pki.privateKeyFromPem(readFileSync(path(FILES.encKey), 'utf8')),
    signingKey: createPrivateKey(readFileSync(path(FILES.signKey), 'utf8')),
    signingCertificatePem: certPem,
    kid: thumb.toString('hex').toUpperCase(),
    x5t: thumb.toString('base64url'),
  };
}
