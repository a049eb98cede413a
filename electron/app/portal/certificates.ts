/**
 * Which certificates may have signed a portal result's SignedInvoice / SignedQRCode. A result is
 * recorded only when its tokens verify against one of them: a results file is never trusted to
 * have been signed by the IRP.
 *
 * Today: the signing certificate of the business's endpoint profile (the practice IRP's own for a
 * practice profile, fetched from it; the one imported for a NIC or GSP profile). A portal-only
 * business with no profile has none yet.
 * TODO(issue 12): add NIC's published signing certificates bundled with the app (being added for
 * verify-qr), so a portal-only business can verify without a profile.
 */
import type { Profile } from '../../ledger';
import type { AppCore } from '../app-core';

export interface Candidates {
  pems: string[];
  /** Where they come from, for messages ("profile practice"). */
  source: string;
}

export async function candidateSigningCertificates(core: Pick<AppCore, 'endpoints'>, profile: Profile | undefined): Promise<Candidates> {
  if (!profile) return { pems: [], source: 'no endpoint profile' };
  if (profile.signingCertPem) return { pems: [profile.signingCertPem], source: `endpoint profile "${profile.name}"` };
  if (profile.kind === 'practice') {
    const endpoint = await core.endpoints.endpoint(profile);
    return { pems: [endpoint.signingCertificatePem], source: `the practice IRP of profile "${profile.name}"` };
  }
  return { pems: [], source: `endpoint profile "${profile.name}" (no signing certificate imported)` };
}
