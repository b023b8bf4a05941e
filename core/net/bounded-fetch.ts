/**
 * The one way Detour's own requests (the catalog update, "Check now", the exit-country check)
 * touch the network: a GET with no cookies, credentials or referrer, given up after a timeout,
 * whose body is read only up to a byte limit. A stalled or endless answer from a server Detour
 * asks must never hold the background or fill its memory.
 */

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface BoundedFetchOptions {
  fetch: FetchLike;
  timeoutMs: number;
  maxBytes: number;
  headers?: Record<string, string>;
  /**
   * What a body over `maxBytes` means: `truncate` keeps its first `maxBytes` (enough to classify
   * an answer), `reject` fails with `tooLarge` (a document that must be whole).
   */
  overLimit: 'truncate' | 'reject';
}

export interface BoundedResponse {
  /** Where the answer came from, after redirects. */
  url: string;
  redirected: boolean;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export type BoundedFetchResult =
  | { ok: true; response: BoundedResponse }
  | { ok: false; failure: 'timeout' | 'network' | 'tooLarge'; detail: string };

/** Reads at most `maxBytes` of the body; `overflowed` says whether more was there. */
async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; overflowed: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(0), overflowed: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let overflowed = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > maxBytes) {
        overflowed = true;
        break;
      }
    }
  } finally {
    // Stop downloading the rest of a large body.
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(Math.min(size, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.byteLength, bytes.byteLength - offset));
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes, overflowed };
}

export async function boundedFetch(url: string, options: BoundedFetchOptions): Promise<BoundedFetchResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await options.fetch(url, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      headers: options.headers ?? {},
      signal: controller.signal,
    });
    const declared = Number(response.headers.get('content-length'));
    if (options.overLimit === 'reject' && Number.isFinite(declared) && declared > options.maxBytes) {
      response.body?.cancel().catch(() => {});
      return { ok: false, failure: 'tooLarge', detail: `${declared} bytes` };
    }
    const { bytes, overflowed } = await readCapped(response, options.maxBytes);
    if (overflowed && options.overLimit === 'reject') {
      return { ok: false, failure: 'tooLarge', detail: `more than ${options.maxBytes} bytes` };
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    return {
      ok: true,
      response: {
        url: response.url || url,
        redirected: response.redirected,
        status: response.status,
        headers,
        body: new TextDecoder('utf-8', { fatal: false }).decode(bytes),
      },
    };
  } catch (error) {
    return {
      ok: false,
      failure: timedOut ? 'timeout' : 'network',
      detail: String((error as Error)?.message ?? error).slice(0, 200),
    };
  } finally {
    clearTimeout(timer);
  }
}
