/**
 * The signers the app knows for the documents of one data folder, and who signed a registration's
 * QR in the words the invoice detail shows. The rule is verify-qr's (electron/pdf/qr-verdict.ts):
 * only a production (or user-vouched) signer is "verified" in green; NIC's sandbox and the practice
 * IRP sign test documents, which are never shown as real e-invoices.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile, Registration } from '../ledger';
import { bundledNicSigners, mergeSigners, trusted, type SignerEnvironment, type TrustedSigner } from '../pdf/nic-certs';
import { parseCertificates } from '../pdf/qr-certs';
import { judge, type Standing } from '../pdf/qr-verdict';
import { checkSignedQr, JwsFormatError } from '../pdf/qr-verify';
import type { AppCore } from './app-core';

/** What an endpoint profile's kind says about the certificate imported into it. */
export const ENVIRONMENT_OF_KIND: Record<Profile['kind'], SignerEnvironment> = {
  practice: 'practice',
  'nic-sandbox': 'sandbox',
  'nic-production': 'production',
  // a GSP may front NIC's sandbox or production: the user vouched for the certificate, we cannot tell
  gsp: 'unknown',
  // the portal road has no API and so no certificate of its own: one imported is the user's word too
  portal: 'unknown',
};

/** A profile's imported signing certificate as a signer; none when it has none or it does not parse. */
export function profileSigners(profile: Profile): TrustedSigner[] {
  if (!profile.signingCertPem) return [];
  try {
    return parseCertificates(Buffer.from(profile.signingCertPem)).map((c) => trusted(c, `the signing certificate of profile "${profile.name}"`, 'profile', ENVIRONMENT_OF_KIND[profile.kind]));
  } catch {
    return []; // checked when it was imported; a damaged one verifies nothing
  }
}

/** The embedded practice IRP's certificate, when it has been made (it is made on first start). */
function practiceSigners(practiceDir: string): TrustedSigner[] {
  try {
    return parseCertificates(readFileSync(join(practiceDir, 'signing-certificate.pem'))).map((c) => trusted(c, 'the practice IRP of this install', 'practice'));
  } catch {
    return [];
  }
}

/** Bundled NIC signers, every profile's imported certificate and the embedded practice IRP's. */
export function appSigners(core: Pick<AppCore, 'ledger' | 'paths'>): TrustedSigner[] {
  return mergeSigners([...bundledNicSigners(), ...core.ledger.profiles.list().flatMap(profileSigners), ...practiceSigners(core.paths.practiceIrp)]);
}

export interface SignerView {
  /** 'received': verified on receipt against the endpoint's certificate, which is not known now. */
  standing: Standing | 'received';
  text: string;
}

/** Who signed a registration's QR, checked again now, in the detail screen's words. */
export async function registrationSigner(core: Pick<AppCore, 'ledger' | 'paths'>, reg: Pick<Registration, 'signedQrCode' | 'signatureVerified'>): Promise<SignerView> {
  let check;
  try {
    check = await checkSignedQr(reg.signedQrCode, appSigners(core));
  } catch (e) {
    if (!(e instanceof JwsFormatError)) throw e;
    return { standing: 'not-irp', text: `The stored QR is not a signed token: ${e.message}` };
  }
  const { standing } = judge(check);
  const by = check.verifiedBy?.label ?? '';
  const keyOnly = check.verifiedBy?.validity === null ? ', a public key whose validity period is unknown (no certificate)' : '';
  switch (standing) {
    case 'real':
      return { standing, text: `Verified: signed by ${by}${keyOnly}` };
    case 'sandbox':
      return { standing, text: `Signed by NIC's sandbox (test system): not a real e-invoice. The signature holds with ${by}${keyOnly}, but a sandbox QR proves nothing to a buyer or a tax officer.` };
    case 'practice':
      return { standing, text: 'Signed by the practice IRP on this computer: a practice document, not a real e-invoice.' };
    case 'invalid':
      return { standing, text: `The signature does not match: this QR was changed after the IRP signed it. Do not print or share it. (${check.signatureNote})` };
    default:
      if (reg.signatureVerified) return { standing: 'received', text: 'Verified when it was received from the IRP; its signing certificate is not among the ones this install knows now.' };
      return { standing, text: 'Not verified: the IRP signature on this QR was not checked.' };
  }
}
