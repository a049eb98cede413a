/**
 * The IrpClient's optional tracer hook (issue 15, the Playground): every intermediate value of an
 * exchange, in the order it happens. A tracer sees secrets (AppKey, SEK, password, token) because
 * its purpose is to show NIC's protocol step by step; whoever passes one decides what is masked
 * before anything is shown or stored (electron/playground/). Without a tracer nothing is recorded.
 */
import type { HttpRequest, HttpResponse } from './transport';

export type IrpTraceEvent =
  /** Auth v1.04 about to be sent: the AppKey, the JSON, its Base64 text and the RSA blob. */
  | { type: 'auth-request'; appKey: Buffer; authJson: string; base64Text: string; blob: string; encryptionPublicKeyPem: string; request: HttpRequest }
  | { type: 'auth-response'; response: HttpResponse }
  /** The session the auth answer gave: the Sek as received and as decrypted with the AppKey. */
  | { type: 'auth-session'; sekField: string; sek: Buffer; authToken: string; tokenExpiry: string | null }
  /** A call with a session: the plain JSON body (if any), the SEK it was encrypted with, the request. */
  | { type: 'request'; operation: string; attempt: number; plainJson: string | null; sek: Buffer; request: HttpRequest }
  | { type: 'response'; operation: string; response: HttpResponse }
  /** A response `Data` decrypted with the SEK. */
  | { type: 'decrypted'; text: string };

export interface IrpTracer {
  event(e: IrpTraceEvent): void;
  /** AppKey bytes to use instead of fresh random ones (to compare with another system's values). */
  appKey?: () => Buffer;
}
