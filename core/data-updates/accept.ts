/**
 * Whether a fetched bundle may replace the data in use: signed by a built-in key, schema-valid
 * (rules included), newer than the bundle in use, and not older than the data this build ships.
 * Anything else is refused with a reason, and the data in use stays.
 */
import { type DataBundle, parseBundle } from './bundle';
import { type SigningKey, verifySignature } from './signature';

export type Refusal = 'dataBadSignature' | 'dataInvalid' | 'dataNotNewer' | 'dataOlderThanBuild';

export type Acceptance =
  | { ok: true; bundle: DataBundle; keyId: string }
  | { ok: false; reason: Refusal; detail: string };

export interface InUse {
  /** The version of the stored bundle in use; 0 when the build's own data is in use. */
  bundleVersion: number;
  /** What the build ships: a bundle may not carry older parts. */
  builtPlatformsVersion: number;
  builtRegionsVersion: number;
}

export async function acceptBundle(
  text: string,
  signature: string,
  inUse: InUse,
  keys: readonly SigningKey[],
  subtle?: SubtleCrypto,
): Promise<Acceptance> {
  // The signature is checked over the exact bytes first: nothing unsigned is even parsed.
  const keyId = await verifySignature(new TextEncoder().encode(text), signature, keys, subtle);
  if (!keyId)
    return { ok: false, reason: 'dataBadSignature', detail: 'no built-in key verifies the signature' };
  const checked = parseBundle(text);
  if (!checked.ok) return { ok: false, reason: 'dataInvalid', detail: checked.detail };
  const { bundle } = checked;
  // A replayed older bundle (or the same one again) is refused: versions only grow.
  if (bundle.version <= inUse.bundleVersion)
    return {
      ok: false,
      reason: 'dataNotNewer',
      detail: `bundle ${bundle.version} is not newer than ${inUse.bundleVersion} in use`,
    };
  if (
    bundle.platforms.version < inUse.builtPlatformsVersion ||
    bundle.regions.version < inUse.builtRegionsVersion
  )
    return {
      ok: false,
      reason: 'dataOlderThanBuild',
      detail: `catalog ${bundle.platforms.version}/regions ${bundle.regions.version} are older than this build's`,
    };
  return { ok: true, bundle, keyId };
}
