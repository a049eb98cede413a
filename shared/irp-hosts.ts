/**
 * NIC's documented IRP hosts (irp-protocol.md §1.1): the client and the Settings screen's endpoint
 * choices both start from these, so they live here, where every side may import them.
 */
export const KNOWN_BASE_URLS = {
  nicSandbox: 'https://einv-apisandbox.nic.in',
  nicSandboxIrp1: 'https://einv1api.gstsandbox.nic.in',
  nicSandboxIrp2: 'https://einv2api.gstsandbox.nic.in',
  nicProductionIrp1: 'https://api.einvoice1.gst.gov.in',
  nicProductionIrp2: 'https://api.einvoice2.gst.gov.in',
} as const;
