/**
 * Making a bundle from the repository's data and signing it (used by `npm run data:build` and by
 * the tests with a throwaway key). The private key comes in as PKCS#8 bytes, never from a file in
 * the repository.
 */
import { DATA_BUNDLE_KIND, type DataBundle } from './bundle';
import { bytesToBase64 } from './signature';

export function makeBundleText(parts: Omit<DataBundle, 'kind'>): string {
  const bundle: DataBundle = { kind: DATA_BUNDLE_KIND, ...parts };
  return `${JSON.stringify(bundle)}\n`;
}

export async function signText(
  text: string,
  pkcs8: Uint8Array<ArrayBuffer>,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<{ signature: string; publicKey: string }> {
  const privateKey = await subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const signature = new Uint8Array(
    await subtle.sign({ name: 'Ed25519' }, privateKey, new TextEncoder().encode(text)),
  );
  // The public half, from the private key's JWK (`x`), so the caller can check it is a built-in key.
  const jwk = await subtle.exportKey('jwk', privateKey);
  const x = (jwk.x ?? '').replace(/-/g, '+').replace(/_/g, '/');
  return { signature: bytesToBase64(signature), publicKey: x.padEnd(Math.ceil(x.length / 4) * 4, '=') };
}

/** A fresh key pair: PKCS#8 private key and raw public key, both base64. */
export async function generateSigningKey(
  subtle: SubtleCrypto = crypto.subtle,
): Promise<{ privateKey: string; publicKey: string }> {
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: bytesToBase64(pkcs8), publicKey: bytesToBase64(raw) };
}
