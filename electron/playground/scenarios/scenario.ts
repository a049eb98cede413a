/**
 * A scenario of the catalogue: what NIC's onboarding tests exercise (the API, the situation, what
 * irp-protocol.md says NIC answers), run against a practice IRP, judged by what really came back
 * and what the client did with it.
 */
import { isIrpError, type IrpError } from '../../irp';
import type { ScenarioInfo } from '../../../shared/ipc/playground.schema';
import type { RawRequest, ScenarioKit } from './kit';

export interface Outcome {
  pass: boolean;
  actual: string;
  clientAction: string;
}

export interface Scenario extends ScenarioInfo {
  run(kit: ScenarioKit): Promise<Outcome>;
}

/** "Status 0: 2150 Duplicate IRN; ..." from an IrpError. */
export function answerOf(e: IrpError): string {
  if (e.httpStatus !== undefined) return `HTTP ${e.httpStatus}: ${e.message}`;
  const list = e.details && e.details.length > 0 ? e.details : [{ code: e.code, message: e.message }];
  return `Status 0: ${list.map((d) => `${d.code} ${d.message}`).join('; ')}`;
}

/** What the client did with a failure, in the words of its error model (docs/irp-client.md). */
export function clientDid(e: IrpError): string {
  const base = `raised IrpError ${e.kind} ${e.code}`;
  if (e.duplicate) return `${base} with the registered IRN from InfoDtls DUPIRN (IRN ${e.duplicate.irn.slice(0, 12)}…, Ack No ${e.duplicate.ackNo}, ${e.duplicate.ackDt}); the engine fetches it and adopts it after comparing the signed invoice, never sending again`;
  if (e.kind === 'down' || e.kind === 'timeout' || e.kind === 'transport') {
    return `${base}, retriable${e.ambiguous ? ' and ambiguous (looks the document up before any resend)' : ''}: the invoice stays queued and is retried with backoff`;
  }
  if (e.kind === 'auth') return `${base}: not retried; the user is asked to fix the credentials${e.hint ? ` (${e.hint})` : ''}`;
  return `${base}: not retried; shown to the user${e.path ? ` at ${e.path}` : ''}${e.hint ? ` with the hint "${e.hint}"` : ''}`;
}

/** Runs `action`, which must fail with one of `codes`. */
export async function expectError(action: () => Promise<unknown>, codes: string[], extra: (e: IrpError) => boolean = () => true): Promise<Outcome> {
  try {
    await action();
    return { pass: false, actual: 'Status 1: the IRP accepted it', clientAction: 'returned a result' };
  } catch (e) {
    if (!isIrpError(e)) throw e;
    const got = [e.code, ...(e.details ?? []).map((d) => d.code)];
    return { pass: got.some((c) => codes.includes(c)) && extra(e), actual: answerOf(e), clientAction: clientDid(e) };
  }
}

/** Runs an action that must succeed; a failure is reported as the answer it was. */
export async function expectOk<T>(action: () => Promise<T>, judge: (r: T) => Outcome): Promise<Outcome> {
  try {
    return judge(await action());
  } catch (e) {
    if (!isIrpError(e)) throw e;
    return { pass: false, actual: answerOf(e), clientAction: clientDid(e) };
  }
}

/** Reads the codes of a raw (hand-made) request's envelope. */
export function envelopeCodes(body: string): { status: number | undefined; codes: string[]; text: string } {
  try {
    const env = JSON.parse(body) as { Status?: number | string; ErrorDetails?: Array<{ ErrorCode: string; ErrorMessage: string }> | null };
    const errors = env.ErrorDetails ?? [];
    return { status: Number(env.Status), codes: errors.map((x) => x.ErrorCode), text: `Status ${env.Status}: ${errors.map((x) => `${x.ErrorCode} ${x.ErrorMessage}`).join('; ')}` };
  } catch {
    return { status: undefined, codes: [], text: body.slice(0, 200) };
  }
}

/** A hand-made request (what the client would never send) that must be refused with `code`. */
export async function rawRefusal(kit: ScenarioKit, label: string, req: RawRequest, code: string, clientAction: string): Promise<Outcome> {
  const env = envelopeCodes((await kit.raw(label, req)).body);
  return { pass: env.codes.includes(code), actual: env.text, clientAction };
}
