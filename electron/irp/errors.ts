/**
 * Typed errors of the IRP client. Every failure the client reports is an IrpError: the IRP code (or a
 * client code such as "TIMEOUT"), a plain-language message, a fix hint, and two flags the registration
 * engine acts on: `retriable` (trying again later may succeed) and `ambiguous` (the IRP may have
 * committed the request, so look it up before resending; architecture.md §3 f).
 * Messages never carry credentials, tokens, keys or payloads.
 */

export type IrpErrorKind = 'business' | 'auth' | 'transport' | 'timeout' | 'down' | 'protocol' | 'signature';

export interface IrpErrorDetail {
  code: string;
  message: string;
}

export interface DuplicateInfo {
  irn: string;
  ackNo: number;
  ackDt: string;
}

export interface IrpErrorInit {
  kind: IrpErrorKind;
  code: string;
  message: string;
  path?: string;
  hint?: string;
  retriable?: boolean;
  ambiguous?: boolean;
  duplicate?: DuplicateInfo;
  details?: IrpErrorDetail[];
  /** HTTP status when the failure came with one. */
  httpStatus?: number;
  cause?: unknown;
}

/** Client-side codes (the IRP's own codes are numeric strings). */
export const CLIENT_CODES = {
  timeout: 'TIMEOUT',
  connectTimeout: 'CONNECT_TIMEOUT',
  refused: 'CONNECTION_REFUSED',
  dropped: 'CONNECTION_DROPPED',
  network: 'NETWORK',
  http: 'HTTP',
  badResponse: 'BAD_RESPONSE',
  badSignature: 'BAD_SIGNATURE',
  signatureMismatch: 'SIGNATURE_DATA_MISMATCH',
  badCredentials: 'CREDENTIALS',
  config: 'CONFIG',
} as const;

export class IrpError extends Error {
  override name = 'IrpError';
  readonly kind: IrpErrorKind;
  readonly code: string;
  readonly path?: string;
  readonly hint?: string;
  readonly retriable: boolean;
  readonly ambiguous: boolean;
  readonly duplicate?: DuplicateInfo;
  readonly details?: IrpErrorDetail[];
  readonly httpStatus?: number;

  constructor(init: IrpErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code;
    if (init.path !== undefined) this.path = init.path;
    if (init.hint !== undefined) this.hint = init.hint;
    this.retriable = init.retriable ?? false;
    this.ambiguous = init.ambiguous ?? false;
    if (init.duplicate !== undefined) this.duplicate = init.duplicate;
    if (init.details !== undefined) this.details = init.details;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
  }

  /** The `{code, path, message}` shape used for errors everywhere else in the app. */
  toViolation(): { code: string; path: string; message: string } {
    return { code: this.code, path: this.path ?? '', message: this.message };
  }

  /** JSON without the cause chain (which may hold socket internals). */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      code: this.code,
      message: this.message,
      path: this.path,
      hint: this.hint,
      retriable: this.retriable,
      ambiguous: this.ambiguous,
      duplicate: this.duplicate,
      details: this.details,
      httpStatus: this.httpStatus,
    };
  }
}

export function isIrpError(e: unknown): e is IrpError {
  return e instanceof IrpError;
}
