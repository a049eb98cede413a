/**
 * One traced exchange with an IRP (issue 15): the real IrpClient, with a tracer and a session cache
 * of its own (so the sign-in is always part of the trace), for auth, generate, cancel or get.
 */
import { istDateOf } from '../../../shared/dates';
import { irnOfInvoice } from '../../../shared/einvoice/irn';
import type { Invoice } from '../../../shared/einvoice/schema';
import type { Trace, TraceOperation } from '../../../shared/ipc/playground.schema';
import { IrpClient, isIrpError, SessionCache, type Agents, type CancelReason, type Credentials, type EndpointProfile, type IrnResult, type IrpTraceEvent } from '../../irp';
import { PRACTICE_ACCOUNTS } from '../../sandbox/accounts';
import { jwsValues } from './jws';
import { mayReveal, REVEAL_NOTE_MASKED, REVEAL_NOTE_PRACTICE, scrubTrace, Secrets } from './mask';
import { addEventStep, addStep, type StepContext } from './steps';

export interface TraceOptions {
  endpoint: EndpointProfile;
  gstin: string;
  credentials: () => Promise<Credentials>;
  operation: TraceOperation;
  /** generate: the INV-01 document. */
  invoice?: unknown;
  /** cancel, get */
  irn?: string;
  cancel?: { reason: CancelReason; remark: string };
  /** Use this AppKey instead of a random one (to compare values with another system). */
  appKey?: Buffer;
  now?: () => Date;
  /** Connection pools (tests that reach the IRP through TLS with their own trust). */
  agents?: Agents;
}

function errorText(e: unknown): { code: string; message: string } {
  if (isIrpError(e)) {
    const details = e.details && e.details.length > 1 ? ` (${e.details.map((d) => `${d.code}: ${d.message}`).join('; ')})` : '';
    const dup = e.duplicate ? ` Already registered: IRN ${e.duplicate.irn}, Ack No ${e.duplicate.ackNo} of ${e.duplicate.ackDt}.` : '';
    return { code: e.code, message: `${e.message}${details}${dup}${e.hint ? ` ${e.hint}` : ''}` };
  }
  return { code: 'ERROR', message: e instanceof Error ? e.message : String(e) };
}

async function signedSteps(ctx: StepContext, r: IrnResult, certPem: string): Promise<void> {
  for (const [id, title, token] of [['signed-invoice', 'SignedInvoice (JWS)', r.signedInvoice], ['signed-qr', 'SignedQRCode (JWS)', r.signedQrCode]] as const) {
    const jws = await jwsValues(token, certPem);
    addStep(ctx, id, title, 'A compact JWS (RS256): header, payload {"data": "<JSON>", "iss": ...} and signature, verified with the profile\'s signing certificate (§7).', jws.values, jws.ok);
  }
}

async function runOperation(client: IrpClient, o: TraceOptions, ctx: StepContext): Promise<{ message: string; irn?: string }> {
  if (o.operation === 'auth') {
    const { tokenExpiry } = await client.authenticate();
    return { message: `Signed in; the token is valid until ${tokenExpiry.toISOString()}.` };
  }
  if (o.operation === 'cancel') {
    const r = await client.cancelIrn(o.irn ?? '', o.cancel?.reason ?? '2', o.cancel?.remark ?? 'Cancelled from the Playground trace');
    return { message: `IRN ${r.irn} cancelled on ${r.cancelDate}.`, irn: r.irn };
  }
  const r = o.operation === 'generate' ? await client.generateIrn(o.invoice) : await client.getByIrn(o.irn ?? '');
  await signedSteps(ctx, r, o.endpoint.signingCertificatePem);
  return { message: `IRN ${r.irn}, Ack No ${r.ackNo} of ${r.ackDt}, status ${r.status}; both signatures verified.`, irn: r.irn };
}

/** The IRN computed here from the invoice (§6.4), shown before it is sent. */
function localIrnStep(ctx: StepContext, invoice: unknown, today: string): void {
  const inv = invoice as Partial<Invoice>;
  if (typeof inv?.SellerDtls?.Gstin !== 'string' || typeof inv.DocDtls?.No !== 'string' || typeof inv.DocDtls.Typ !== 'string' || typeof inv.DocDtls.Dt !== 'string') return;
  const irn = irnOfInvoice(inv as Invoice, today);
  if (!irn) return;
  addStep(ctx, 'irn-local', 'The IRN, computed here', 'Lower-case hex SHA-256 of seller GSTIN + financial year (YYYY-YY) + document type + document number (upper-cased since 1-Jun-2025) (§6.4). The IRP must return the same.', [
    { label: 'Hashed text', kind: 'text', value: `${inv.SellerDtls.Gstin} + FY of ${inv.DocDtls.Dt} + ${inv.DocDtls.Typ} + ${inv.DocDtls.No}` },
    { label: 'IRN', kind: 'text', value: irn },
  ]);
}

export async function runTrace(o: TraceOptions): Promise<Trace> {
  const now = o.now ?? (() => new Date());
  const secrets = new Secrets();
  const at = now().toISOString();
  const base = { operation: o.operation, profile: { name: o.endpoint.name, kind: o.endpoint.kind, baseUrl: o.endpoint.baseUrl }, at };
  let creds: Credentials;
  try {
    creds = await o.credentials();
  } catch (e) {
    return { ...base, revealed: false, revealNote: REVEAL_NOTE_MASKED, steps: [], outcome: { ok: false, ...errorText(e) } };
  }
  const reveal = mayReveal(o.endpoint, creds, PRACTICE_ACCOUNTS);
  const ctx: StepContext = { reveal, steps: [] };
  secrets.add(creds.clientSecret);
  secrets.add(creds.password);
  const remember = (e: IrpTraceEvent) => {
    if (e.type === 'auth-request') [e.appKey, e.base64Text, e.blob].forEach((s) => secrets.add(s));
    if (e.type === 'auth-session') [e.sek, e.sekField, e.authToken].forEach((s) => secrets.add(s));
    if (e.type === 'request') secrets.add(e.sek);
  };
  let outcome: Trace['outcome'];
  let client: IrpClient | undefined;
  try {
    client = new IrpClient({
      profile: o.endpoint,
      gstin: o.gstin,
      credentials: () => Promise.resolve(creds),
      sessions: new SessionCache({ now }),
      now,
      ...(o.agents ? { agents: o.agents } : { ownAgents: true }),
      tracer: {
        event: (e) => {
          remember(e);
          addEventStep(ctx, e);
        },
        ...(o.appKey ? { appKey: () => Buffer.from(o.appKey as Buffer) } : {}),
      },
    });
    if (o.operation === 'generate') localIrnStep(ctx, o.invoice, istDateOf(now()));
    outcome = { ok: true, ...(await runOperation(client, o, ctx)) };
  } catch (e) {
    outcome = { ok: false, ...errorText(e) };
    const last = ctx.steps.at(-1);
    if (last) last.ok = false;
  } finally {
    client?.close();
  }
  const trace: Trace = { ...base, revealed: reveal, revealNote: reveal ? REVEAL_NOTE_PRACTICE : REVEAL_NOTE_MASKED, steps: ctx.steps, outcome };
  return reveal ? trace : scrubTrace(trace, secrets);
}
