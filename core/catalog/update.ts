/**
 * The bounded fetch behind signed data updates (core/data-updates): https only, no credentials,
 * no referrer, at most `maxBytes` (counted while reading, whatever the server declares) and
 * `timeoutMs`. It returns text; deciding whether the text may be used is not its job.
 */

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
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.timeoutMs ?? FETCH_TIMEOUT_MS);
  try {
    const response = await deps.fetch(parsedUrl.href, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      headers: { accept: 'application/json' },
      signal: controller.signal,
    });
    if (response.url && !response.url.startsWith('https://')) {
      return { ok: false, reason: 'updateNotHttps', detail: 'redirected away from https' };
    }
    if (!response.ok) return { ok: false, reason: 'updateHttpError', detail: `HTTP ${response.status}` };
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      return { ok: false, reason: 'updateTooLarge', detail: `${declared} bytes` };
    }
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || !value) break;
        size += value.byteLength;
        if (size > maxBytes) {
          reader.cancel().catch(() => {});
          return { ok: false, reason: 'updateTooLarge', detail: `more than ${maxBytes} bytes` };
        }
        chunks.push(value);
      }
    }
    const all = new Uint8Array(size);
    let offset = 0;
    for (const c of chunks) {
      all.set(c, offset);
      offset += c.byteLength;
    }
    return { ok: true, text: new TextDecoder().decode(all) };
  } catch (error) {
    return {
      ok: false,
      reason: timedOut ? 'updateTimeout' : 'updateNetworkError',
      detail: (error as Error).message.slice(0, 200),
    };
  } finally {
    clearTimeout(timer);
  }
}
