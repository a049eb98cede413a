/** The endpoint choices the profile form offers, on NIC's documented hosts (shared/irp-hosts.ts). */
import { KNOWN_BASE_URLS } from '../../../shared/irp-hosts';
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
  { id: 'nic-sandbox', label: 'NIC sandbox', kind: 'nic-sandbox', baseUrl: KNOWN_BASE_URLS.nicSandbox },
  { id: 'nic-production-1', label: 'NIC production, IRP-1', kind: 'nic-production', baseUrl: KNOWN_BASE_URLS.nicProductionIrp1 },
  { id: 'nic-production-2', label: 'NIC production, IRP-2', kind: 'nic-production', baseUrl: KNOWN_BASE_URLS.nicProductionIrp2 },
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
  portal: 'Portal upload (no API)',
};
