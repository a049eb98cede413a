/**
 * What a trace may show. For the practice IRP on this computer every value is shown: its
 * credentials are published (GET /sandbox/accounts) and protect nothing. For any other profile the
 * secrets (client secret, password, AppKey, SEK, token, and the RSA blob that could be replayed to
 * sign in) are withheld at the step that produces them, and a last pass removes any occurrence
 * left anywhere (a message, a header, a body), in every encoding the trace uses.
 */
import type { Trace, TraceValue } from '../../../shared/ipc/playground.schema';

export const MASK = '[masked]';

export const REVEAL_NOTE_PRACTICE =
  'Practice IRP on this computer: its API users and passwords are published (GET /sandbox/accounts) and protect nothing, so the client secret, password, AppKey, SEK and token are shown in full to let you compare them with your own system.';
export const REVEAL_NOTE_MASKED =
  'Not the practice IRP with its published credentials: the client secret, password, AppKey, SEK, token and the encrypted sign-in blob are never shown or exported. Their sizes are; every other value is as sent and received.';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Secrets are shown only for a practice profile whose IRP runs on this computer and whose
 * credentials are the published ones: real credentials typed into a practice profile stay masked.
 */
export function mayReveal(profile: { kind: string; baseUrl: string }, creds: { clientSecret: string; password: string }, published: ReadonlyArray<{ clientSecret: string; password: string }>): boolean {
  if (profile.kind !== 'practice') return false;
  if (!published.some((a) => a.clientSecret === creds.clientSecret && a.password === creds.password)) return false;
  try {
    return LOOPBACK.has(new URL(profile.baseUrl).hostname);
  } catch {
    return false;
  }
}

export class Secrets {
  private readonly forms = new Set<string>();

  /** Remembers a secret in the encodings a trace may carry it in. */
  add(secret: string | Buffer | undefined): void {
    if (secret === undefined) return;
    if (Buffer.isBuffer(secret)) {
      if (secret.length === 0) return;
      this.add(secret.toString('base64'));
      this.add(secret.toString('hex'));
      this.add(secret.toString('hex').toUpperCase());
      this.add(secret.toString('base64url'));
      return;
    }
    // shorter strings would also match innocent text; no real credential is that short
    if (secret.length < 4) return;
    this.forms.add(secret);
    this.forms.add(JSON.stringify(secret).slice(1, -1));
    this.forms.add(encodeURIComponent(secret));
  }

  scrub(text: string): string {
    let out = text;
    for (const f of [...this.forms].sort((a, b) => b.length - a.length)) if (out.includes(f)) out = out.split(f).join(MASK);
    return out;
  }

  has(text: string): boolean {
    return [...this.forms].some((f) => text.includes(f));
  }
}

/** A value that is shown in full, or withheld with a note of its size. */
export function secretValue(reveal: boolean, label: string, kind: TraceValue['kind'], value: string, what: string): TraceValue {
  return reveal ? { label, kind, value } : { label, kind, value: '', masked: true, note: `${what} (masked: not a practice profile)` };
}

const SECRET_HEADERS = /secret|password|passwd|token|authorization|appkey|sek/i;

/** Request headers as shown: secret-looking ones withheld unless revealed. */
export function headersValue(reveal: boolean, label: string, headers: Record<string, string>): TraceValue {
  const shown: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) shown[k] = !reveal && SECRET_HEADERS.test(k) ? MASK : v;
  return { label, kind: 'headers', value: JSON.stringify(shown, null, 2) };
}

/** The last pass over a whole trace (non-practice): no remembered secret survives in any value or message. */
export function scrubTrace(trace: Trace, secrets: Secrets): Trace {
  return {
    ...trace,
    steps: trace.steps.map((s) => ({ ...s, values: s.values.map((v) => ({ ...v, value: secrets.scrub(v.value), ...(v.note ? { note: secrets.scrub(v.note) } : {}) })) })),
    outcome: { ...trace.outcome, message: secrets.scrub(trace.outcome.message) },
  };
}
