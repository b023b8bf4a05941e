/**
 * Ed25519 signatures over a bundle's exact bytes, verified with WebCrypto
 * (`crypto.subtle.verify({ name: 'Ed25519' }, …)`: Chromium 137+, Firefox 129+, Node 20+). The
 * signature travels beside the bundle as base64 of the 64 signature bytes; public keys are the
 * 32 raw key bytes in base64.
 */

export interface SigningKey {
  id: string;
  /** Base64 of the 32-byte raw Ed25519 public key. */
  publicKey: string;
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  const clean = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
  try {
    const binary = atob(clean);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Whether this browser's WebCrypto verifies Ed25519 at all. */
export async function ed25519Supported(subtle: SubtleCrypto = crypto.subtle): Promise<boolean> {
  try {
    const raw = new Uint8Array(32);
    raw[0] = 1;
    await subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}

/**
 * The id of the key that signed `bytes`, or null when no key in `keys` verifies the signature
 * (malformed signatures and keys count as not verifying).
 */
export async function verifySignature(
  bytes: Uint8Array<ArrayBuffer>,
  signatureBase64: string,
  keys: readonly SigningKey[],
  subtle: SubtleCrypto = crypto.subtle,
): Promise<string | null> {
  const signature = base64ToBytes(signatureBase64);
  if (signature?.length !== 64) return null;
  for (const key of keys) {
    const raw = base64ToBytes(key.publicKey);
    if (raw?.length !== 32) continue;
    try {
      const publicKey = await subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
      if (await subtle.verify({ name: 'Ed25519' }, publicKey, signature, bytes)) return key.id;
    } catch {
      // A key this browser cannot import verifies nothing.
    }
  }
  return null;
}
