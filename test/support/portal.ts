/** The practice portal driven over HTTP as the tests' stand-in for a person on the e-invoice portal. */
export interface UploadSummary {
  uploadId: string;
  total: number;
  generated: number;
  failed: number;
  downloads: { json: string; generatedCsv: string; errorsCsv: string; xlsx: string };
}

/** Uploads a bulk-upload file as `gstin`; throws with the portal's message when the file is refused whole. */
export async function portalUpload(irpUrl: string, gstin: string, text: string, fileName = 'upload.json'): Promise<UploadSummary> {
  const res = await fetch(`${irpUrl}/portal/bulk-upload?gstin=${gstin}&fileName=${encodeURIComponent(fileName)}`, { method: 'POST', body: text });
  const body = (await res.json()) as UploadSummary & { error?: string };
  if (!res.ok) throw new Error(`portal refused the file (HTTP ${res.status}): ${body.error ?? ''}`);
  return body;
}

export async function portalDownload(irpUrl: string, path: string): Promise<Buffer> {
  const res = await fetch(`${irpUrl}${path}`);
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** A CLI io that collects what the command prints. */
export function collectingIo(lines: string[], env: NodeJS.ProcessEnv = {}) {
  return { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s), stdin: process.stdin, env, now: () => new Date() };
}
