/**
 * Which signers may have signed a portal result's SignedInvoice / SignedQRCode. A result is
 * recorded only when its tokens verify against one of them: a results file is never trusted to
 * have been signed by the IRP.
 *
 * - The signing certificate of the business's endpoint profile (the practice IRP's own for a
 *   practice profile, fetched from it; the one imported for a NIC or GSP profile).
 * - NIC's signers bundled with the app (resources/nic-certs): production ones for every business,
 *   so a portal-only business with no profile can verify once NIC's production certificates are
 *   bundled; sandbox ones only for a business whose profile is NIC sandbox. A sandbox-signed result
 *   is a test document, never a real e-invoice (electron/pdf/qr-verdict.ts): recording one for a
 *   business that registers for real would turn its draft into a "registered" test document, so
 *   such a row is flagged instead (results-import.ts), and `sandbox` keeps those signers for the
 *   message.
 */
import type { Profile } from '../../ledger';
import { bundledNicSigners, mergeSigners, trusted, type TrustedSigner } from '../../pdf/nic-certs';
import { parseCertificates } from '../../pdf/qr-certs';
import type { AppCore } from '../app-core';
import { profileSigners } from '../signers';

export interface Candidates {
  signers: TrustedSigner[];
  /** Bundled NIC sandbox signers not trusted for this business: a row they verify is flagged as a test document. */
  sandbox: TrustedSigner[];
  /** Where the signers come from, for messages ("endpoint profile "practice""). */
  source: string;
}

async function ofProfile(core: Pick<AppCore, 'endpoints'>, profile: Profile | undefined): Promise<{ signers: TrustedSigner[]; source: string }> {
  if (!profile) return { signers: [], source: 'no endpoint profile' };
  if (profile.signingCertPem) return { signers: profileSigners(profile), source: `endpoint profile "${profile.name}"` };
  if (profile.kind === 'practice') {
    const endpoint = await core.endpoints.endpoint(profile);
    const signers = parseCertificates(Buffer.from(endpoint.signingCertificatePem)).map((c) => trusted(c, `the practice IRP of profile "${profile.name}"`, 'practice'));
    return { signers, source: `the practice IRP of profile "${profile.name}"` };
  }
  return { signers: [], source: `endpoint profile "${profile.name}" (no signing certificate imported)` };
}

export async function candidateSigningCertificates(core: Pick<AppCore, 'endpoints'>, profile: Profile | undefined): Promise<Candidates> {
  const own = await ofProfile(core, profile);
  const bundled = bundledNicSigners();
  const sandboxOk = profile?.kind === 'nic-sandbox';
  const nic = bundled.filter((s) => s.environment === 'production' || (sandboxOk && s.environment === 'sandbox'));
  const signers = mergeSigners([...nic, ...own.signers]);
  const sandbox = sandboxOk ? [] : bundled.filter((s) => s.environment === 'sandbox' && !signers.some((t) => t.kid === s.kid));
  const source = nic.length === 0 ? own.source : `${own.source} and NIC's ${nic.length} bundled signing key(s)`;
  return { signers, sandbox, source };
}
