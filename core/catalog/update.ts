/**
 * The bounded fetch behind signed data updates (core/data-updates): https only, no credentials,
 * no referrer, at most `maxBytes` (counted while reading, whatever the server declares) and
 * `timeoutMs`. It returns text; deciding whether the text may be used is not its job.
 */
import { boundedFetch } from '../net/bounded-fetch';

export const MAX_UPDATE_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export type UpdateRejection =
  | 'updateTooLarge'
  | 'updateNotJson'
  | 'updateInvalid'
  | 'updateNotNewer'
  | 'updateNotHttps'
  | 'updateHttpError'
  | 'updateTimeout'
  | 'updateNetworkError';

export type UpdateFetch = { ok: true; text: string } | { ok: false; reason: UpdateRejection; detail: string };

/** Fetches the update document: https only, no credentials, bounded in size and time. */
export async function fetchCatalogUpdate(
  url: string,
  deps: {
    fetch: (url: string, init: RequestInit) => Promise<Response>;
    timeoutMs?: number;
    maxBytes?: number;
  },
): Promise<UpdateFetch> {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return { ok: false, reason: 'updateNotHttps', detail: 'not a URL' };
  }
  if (parsedUrl.protocol !== 'https:')
    return { ok: false, reason: 'updateNotHttps', detail: parsedUrl.protocol };
  const maxBytes = deps.maxBytes ?? MAX_UPDATE_BYTES;
  const result = await boundedFetch(parsedUrl.href, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs ?? FETCH_TIMEOUT_MS,
    maxBytes,
    headers: { accept: 'application/json' },
    overLimit: 'reject',
  });
  if (!result.ok) {
    const reason = {
      timeout: 'updateTimeout',
      network: 'updateNetworkError',
      tooLarge: 'updateTooLarge',
    } as const;
    return { ok: false, reason: reason[result.failure], detail: result.detail };
  }
  const { response } = result;
  if (response.url && !response.url.startsWith('https://')) {
    return { ok: false, reason: 'updateNotHttps', detail: 'redirected away from https' };
  }
  if (response.status < 200 || response.status > 299) {
    return { ok: false, reason: 'updateHttpError', detail: `HTTP ${response.status}` };
  }
  return { ok: true, text: response.body };
}
