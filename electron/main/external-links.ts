/**
 * Links that may leave the app: https only, to an exact list of hosts (the GST and e-invoice
 * portals a user needs beside the app). Everything else is dropped, so content in the window can
 * never make the OS open an arbitrary URL, file:// path or custom protocol handler.
 */
import { shell } from 'electron';

export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'einvoice1.gst.gov.in',
  'einvoice2.gst.gov.in',
  'einvoice1-trial.nic.in',
  'einv-apisandbox.nic.in',
  'ewaybillgst.gov.in',
  'www.gst.gov.in',
  'services.gst.gov.in',
  'tutorial.gst.gov.in',
  'cbic-gst.gov.in',
]);

/** The normalised URL when it may be opened outside the app, else undefined. */
export function allowedExternalUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  return EXTERNAL_HOSTS.has(url.hostname.toLowerCase()) ? url.toString() : undefined;
}

/** Opens an allowed link in the user's browser; returns whether it did. */
export function openExternalIfAllowed(raw: string): boolean {
  const url = allowedExternalUrl(raw);
  if (!url) return false;
  shell.openExternal(url).catch(() => undefined);
  return true;
}
