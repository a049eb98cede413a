/**
 * Opens one RSA-2048 block with the practice IRP's private key and says which padding it carries.
 * One raw RSA operation, then the padding is read by hand: PKCS#1 v1.5 type 2 (what NIC decrypts,
 * irp-protocol.md §2.2), RSA-OAEP with SHA-1 or SHA-256 (a common mistake: Java's
 * "RSA/ECB/OAEPWith..." or .NET's `RSAEncryptionPadding.OaepSHA1`), or neither (another public key).
 * Reading the padding by hand would be a padding oracle on a real server; here the key is the
 * practice IRP's, which protects nothing, and the answer goes only to the person asking.
 */
import forge from 'node-forge';

export type RsaOpen =
  | { padding: 'pkcs1'; plain: Buffer }
  | { padding: 'oaep'; hash: 'SHA-1' | 'SHA-256'; plain: Buffer }
  | { padding: 'none'; why: string };

const BLOCK = 256;

/** PKCS#1 v1.5 encryption padding: 00 02, at least 8 non-zero bytes, 00, message (RFC 8017 §7.2.2). */
function pkcs1Message(em: Buffer): Buffer | undefined {
  if (em.length !== BLOCK || em[0] !== 0x00 || em[1] !== 0x02) return undefined;
  const sep = em.indexOf(0x00, 2);
  if (sep < 10) return undefined;
  return em.subarray(sep + 1);
}

/** node-forge's OAEP decoder (present at runtime, absent from its type definitions). */
const pkcs1 = (forge as unknown as { pkcs1: { decode_rsa_oaep(key: forge.pki.rsa.PrivateKey, em: string, options: { md: forge.md.MessageDigest }): string } }).pkcs1;

function oaepMessage(key: forge.pki.rsa.PrivateKey, em: Buffer, md: () => forge.md.MessageDigest): Buffer | undefined {
  try {
    const out = pkcs1.decode_rsa_oaep(key, em.toString('binary'), { md: md() });
    return Buffer.from(out, 'binary');
  } catch {
    return undefined;
  }
}

export function rsaOpen(key: forge.pki.rsa.PrivateKey, block: Buffer): RsaOpen {
  if (block.length !== BLOCK) {
    return { padding: 'none', why: `an RSA-2048 ciphertext is exactly 256 bytes; this one has ${block.length} (encrypted with a key of another size, or not an RSA ciphertext)` };
  }
  let em: Buffer;
  try {
    em = Buffer.from(key.decrypt(block.toString('binary'), 'RAW'), 'binary');
  } catch {
    return { padding: 'none', why: 'the number is larger than the practice key\'s modulus: it was encrypted with another public key' };
  }
  // forge returns the raw integer without leading zero bytes; restore the fixed block length
  if (em.length < BLOCK) em = Buffer.concat([Buffer.alloc(BLOCK - em.length), em]);
  const v15 = pkcs1Message(em);
  if (v15) return { padding: 'pkcs1', plain: v15 };
  const sha1 = oaepMessage(key, em, () => forge.md.sha1.create());
  if (sha1) return { padding: 'oaep', hash: 'SHA-1', plain: sha1 };
  const sha256 = oaepMessage(key, em, () => forge.md.sha256.create());
  if (sha256) return { padding: 'oaep', hash: 'SHA-256', plain: sha256 };
  return { padding: 'none', why: 'the decrypted block carries no padding NIC or OAEP would produce: it was encrypted for another public key (NIC\'s sandbox or production key, perhaps), or damaged on the way' };
}
