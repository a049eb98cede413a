import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import {
  KNOWN_BASE_URLS, checkEncryptionKeyPem, checkProfile, checkSigningCertificatePem, loadEncryptionKeyFile, loadSigningCertificateFile,
} from '../../electron/irp/profiles';
import { rsaPair, selfSignedPem, type PemPair } from '../support/certs';
import { irpErrorOf } from '../support/irp-errors';

const signerCert = (pair: PemPair) => selfSignedPem(pair, { commonName: 'test signer' });

const enc = rsaPair();
const sign = rsaPair();
const cert = signerCert(sign);
const dir = mkdtempSync(join(tmpdir(), 'irp-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configError = irpErrorOf;

describe('endpoint profiles', () => {
  it('knows the NIC base URLs', () => {
    expect(KNOWN_BASE_URLS.nicSandbox).toBe('https://einv-apisandbox.nic.in');
    expect(KNOWN_BASE_URLS.nicProductionIrp1).toBe('https://api.einvoice1.gst.gov.in');
    expect(KNOWN_BASE_URLS.nicProductionIrp2).toBe('https://api.einvoice2.gst.gov.in');
  });

  it('accepts an SPKI or PKCS#1 encryption key and a certificate', () => {
    expect(checkEncryptionKeyPem(enc.publicKey)).toContain('BEGIN PUBLIC KEY');
    const pkcs1 = forge.pki.publicKeyToRSAPublicKeyPem(forge.pki.publicKeyFromPem(enc.publicKey));
    expect(checkEncryptionKeyPem(pkcs1)).toContain('BEGIN PUBLIC KEY');
    expect(checkSigningCertificatePem(cert)).toContain('BEGIN CERTIFICATE');
  });

  it('says which file went where when the two are swapped', () => {
    const e1 = configError(() => checkEncryptionKeyPem(cert));
    expect(e1.message).toMatch(/certificate.*signing certificate/);
    expect(e1.hint).toMatch(/Swap/);
    const e2 = configError(() => checkSigningCertificatePem(enc.publicKey));
    expect(e2.message).toMatch(/bare public key.*encryption key/);
  });

  it('refuses private keys, non-PEM text, damaged PEM and short keys', () => {
    expect(configError(() => checkEncryptionKeyPem(enc.privateKey)).message).toMatch(/private key/);
    expect(configError(() => checkEncryptionKeyPem('hello')).message).toMatch(/not a PEM/);
    expect(configError(() => checkEncryptionKeyPem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')).message).toMatch(/damaged/);
    expect(configError(() => checkSigningCertificatePem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).message).toMatch(/damaged/);
    expect(configError(() => checkEncryptionKeyPem(rsaPair(1024).publicKey)).message).toMatch(/1024-bit/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    expect(configError(() => checkEncryptionKeyPem(ec.publicKey)).message).toMatch(/ec key/);
  });

  it('loads PEM files with clear errors', async () => {
    writeFileSync(join(dir, 'enc.pem'), enc.publicKey);
    writeFileSync(join(dir, 'sign.cer'), cert);
    await expect(loadEncryptionKeyFile(join(dir, 'enc.pem'))).resolves.toContain('PUBLIC KEY');
    await expect(loadSigningCertificateFile(join(dir, 'sign.cer'))).resolves.toContain('CERTIFICATE');
    await expect(loadEncryptionKeyFile(join(dir, 'missing.pem'))).rejects.toThrow(/does not exist/);
    await expect(loadSigningCertificateFile(join(dir, 'enc.pem'))).rejects.toThrow(/enc\.pem is a bare public key/);
  });

  it('checks the profile URL: no plain HTTP except for the practice IRP', () => {
    const base = { name: 'p', encryptionPublicKeyPem: enc.publicKey, signingCertificatePem: cert };
    expect(checkProfile({ ...base, kind: 'practice', baseUrl: 'http://127.0.0.1:4000/' }).baseUrl).toBe('http://127.0.0.1:4000');
    expect(configError(() => checkProfile({ ...base, kind: 'gsp', baseUrl: 'http://gsp.example/api' })).message).toMatch(/without TLS/);
    expect(configError(() => checkProfile({ ...base, kind: 'nic-sandbox', baseUrl: 'einv-apisandbox.nic.in' })).message).toMatch(/not a URL/);
  });
});
