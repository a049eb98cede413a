/**
 * The endpoint choices the profile form offers. The URLs are NIC's documented hosts
 * (irp-protocol.md §1.1); they copy KNOWN_BASE_URLS of electron/irp/profiles.ts, which the
 * renderer may not import, and test/integration/settings-handlers.test.ts fails if they drift.
 */
import type { ProfileView } from '../api/types';

export type ProfileKind = ProfileView['kind'];

export interface EndpointChoice {
  id: string;
  label: string;
  kind: ProfileKind;
  /** The base URL a new profile of this choice starts with ('' for a GSP: theirs differ). */
  baseUrl: string;
}

export const ENDPOINT_CHOICES: readonly EndpointChoice[] = [
  { id: 'practice', label: 'Practice IRP (in the app)', kind: 'practice', baseUrl: 'practice' },
  { id: 'nic-sandbox', label: 'NIC sandbox', kind: 'nic-sandbox', baseUrl: 'https://einv-apisandbox.nic.in' },
  { id: 'nic-production-1', label: 'NIC production, IRP-1', kind: 'nic-production', baseUrl: 'https://api.einvoice1.gst.gov.in' },
  { id: 'nic-production-2', label: 'NIC production, IRP-2', kind: 'nic-production', baseUrl: 'https://api.einvoice2.gst.gov.in' },
  { id: 'gsp', label: 'GSP (through a GST Suvidha Provider)', kind: 'gsp', baseUrl: '' },
];

/** The choice a stored profile corresponds to (production IRP-2 is told apart by its URL). */
export function choiceOf(kind: ProfileKind, baseUrl: string): string {
  if (kind === 'nic-production') return baseUrl.includes('einvoice2') ? 'nic-production-2' : 'nic-production-1';
  return kind;
}

export const KIND_LABELS: Record<ProfileKind, string> = {
  practice: 'Practice IRP',
  'nic-sandbox': 'NIC sandbox',
  'nic-production': 'NIC production',
  gsp: 'GSP',
};
