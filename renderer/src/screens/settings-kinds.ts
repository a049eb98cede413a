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

/** The four roads to the IRP, in the words of the guided "How do you connect to the IRP?" choice. */
export type Road = 'practice' | 'gsp' | 'nic' | 'portal';

export const ROADS: ReadonlyArray<{ id: Road; label: string; note: string }> = [
  { id: 'gsp', label: 'Through my GSP', note: 'Most businesses. Your GST Suvidha Provider (Adaequare, TaxPro, ClearTax, …) gives you its keys; you create an API user for it on the e-invoice portal.' },
  { id: 'portal', label: 'No API: I upload files on the e-invoice portal', note: 'Prepare a file here, upload it on the portal, bring its results back. Nothing to set up but the GSTIN.' },
  { id: 'nic', label: 'Direct NIC API (large taxpayers)', note: 'Only when NIC gave you a client id and secret and whitelisted your static IP address.' },
  { id: 'practice', label: 'Practice', note: 'Try everything on the practice IRP inside the app; nothing reaches the government.' },
];

export function roadOf(kind: ProfileKind): Road {
  if (kind === 'nic-sandbox' || kind === 'nic-production') return 'nic';
  return kind;
}

/** The e-invoice portal (IRP-1), where a portal-road business uploads its files. */
export const PORTAL_URL = 'https://einvoice1.gst.gov.in';

/** Where a GSP profile points: the practice IRP's front door, the preset's sandbox or production, or an address typed in. */
export type GspWhere = 'practice' | 'sandbox' | 'production' | 'other';

export const GSP_WHERE_LABELS: Record<GspWhere, string> = {
  practice: 'Practice (the practice IRP, in this GSP\'s style)',
  sandbox: 'The GSP\'s sandbox',
  production: 'The GSP\'s production (real invoices)',
  other: 'Another address the GSP gave me',
};
