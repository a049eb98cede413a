/**
 * The practice IRP behind a pass-through GSP (ClearTax's GSP API, Vayana's classic GSP): the
 * client's NIC request goes on as it came (still encrypted with its own SEK), with the GSP's NIC
 * client id and secret put in, to the same handlers a direct client meets.
 */
import { gspNicClient } from '../accounts';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { aesDecrypt, aesEncrypt, fromBase64 } from '../crypto';
import { jsonReply } from '../envelope';
import { dispatch } from '../router';
import { tamper } from './common';

/** The tamper fault on an encrypted answer: a practice GSP can read the SEK its IRP issued. */
function tamperEncrypted(ctx: IrpContext, req: IrpRequest, reply: Reply): Reply {
  if (!ctx.faults.settings.tamperSignedQr) return reply;
  const token = ctx.tokens.lookup(req.headers.authtoken ?? '', ctx.clock.now().getTime());
  let body: { Status?: unknown; Data?: unknown };
  try {
    body = JSON.parse(reply.body) as typeof body;
  } catch {
    return reply;
  }
  if (!token || body.Status !== 1 || typeof body.Data !== 'string') return reply;
  const data = JSON.parse(aesDecrypt(token.sek, fromBase64(body.Data)).toString('utf8')) as unknown;
  const altered = aesEncrypt(token.sek, Buffer.from(JSON.stringify(tamper(ctx, data)), 'utf8')).toString('base64');
  return { ...jsonReply(200, { ...body, Data: altered }), committed: reply.committed === true };
}

export function passThrough(req: IrpRequest, ctx: IrpContext, nicPath: string, code: string): Reply {
  const client = gspNicClient(code);
  const forwarded: IrpRequest = { ...req, path: nicPath, headers: { ...req.headers, client_id: client.clientId, client_secret: client.clientSecret } };
  const reply = dispatch(forwarded, ctx);
  return tamperEncrypted(ctx, forwarded, reply);
}
