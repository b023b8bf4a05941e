/**
 * The public keys a data bundle must be signed with, built into the extension. The private half
 * of each is never in the repository: `npm run data:build` reads it from the environment.
 *
 * `detour-placeholder-2026` is a placeholder whose private half was discarded when it was made:
 * no bundle verifies against it, so until the project publishes a key of its own (README: "Data
 * updates"), no downloaded data can be accepted. Replace it, do not add to it, when publishing.
 */
import type { SigningKey } from './signature';

export const DATA_SIGNING_KEYS: readonly SigningKey[] = [
  { id: 'detour-placeholder-2026', publicKey: 'hkmtLgtx1XeX13DxfEGaM77Ew+YftieyLxI2xpHHtH0=' },
];
