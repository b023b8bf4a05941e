/**
 * Fetches the bundle and its signature from the first mirror that serves both: https only, no
 * credentials, each file bounded in size and time (core/catalog/update.ts's bounded fetch). A
 * mirror that fails (down, slow, too large, not https) is noted and the next one is tried.
 */
import { fetchCatalogUpdate, type UpdateRejection } from '../catalog/update';
import { BUNDLE_FILE, SIGNATURE_FILE } from './mirrors';

export const MAX_BUNDLE_BYTES = 2 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 1024;

export interface MirrorFailure {
  mirror: string;
  reason: UpdateRejection;
  detail: string;
}

export type FetchedBundle =
  | { ok: true; mirror: string; text: string; signature: string; failures: MirrorFailure[] }
  | { ok: false; failures: MirrorFailure[] };

export async function fetchSignedBundle(
  mirrors: readonly string[],
  deps: {
    fetch: (url: string, init: RequestInit) => Promise<Response>;
    timeoutMs?: number;
    maxBytes?: number;
  },
): Promise<FetchedBundle> {
  const failures: MirrorFailure[] = [];
  for (const mirror of mirrors) {
    const bundle = await fetchCatalogUpdate(new URL(BUNDLE_FILE, mirror).href, {
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
      maxBytes: deps.maxBytes ?? MAX_BUNDLE_BYTES,
    });
    if (!bundle.ok) {
      failures.push({ mirror, reason: bundle.reason, detail: bundle.detail });
      continue;
    }
    const signature = await fetchCatalogUpdate(new URL(SIGNATURE_FILE, mirror).href, {
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
      maxBytes: MAX_SIGNATURE_BYTES,
    });
    if (!signature.ok) {
      failures.push({ mirror, reason: signature.reason, detail: `signature: ${signature.detail}` });
      continue;
    }
    return { ok: true, mirror, text: bundle.text, signature: signature.text.trim(), failures };
  }
  return { ok: false, failures };
}
