/** The IRP client's public surface (docs/irp-client.md). */
export { IrpClient, type IrpClientOptions, type CallSpec } from './client';
export { IrpError, isIrpError, CLIENT_CODES, type IrpErrorKind, type IrpErrorDetail, type DuplicateInfo } from './errors';
export { errorFromDetails, factsFor } from './error-codes';
export { SessionCache, Session, sessionKey, type AuthReason, type SessionCacheOptions } from './session';
export {
  KNOWN_BASE_URLS, DEFAULT_TIMEOUTS, checkProfile, checkEncryptionKeyPem, checkSigningCertificatePem,
  loadEncryptionKeyFile, loadSigningCertificateFile, fetchPracticeKeys, practiceProfile,
  type EndpointProfile, type EndpointKind,
} from './profiles';
export { verifyIrpToken, verifyIrnTokens, importSigningCertificate, type VerifiedToken } from './signature';
export { createAgents, sharedAgents, type Agents } from './transport';
export type { InfoEntry } from './envelope';
export type * from './types';
export type { IrpTracer, IrpTraceEvent } from './trace';
export { httpRequest, type HttpRequest, type HttpResponse } from './transport';
export { aesDecrypt, aesEncrypt, decryptSek, encryptJson, CryptoInputError } from './crypto';
