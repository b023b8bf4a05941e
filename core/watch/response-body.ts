/**
 * Firefox only: reads the start of a 4xx response body through webRequest.filterResponseData
 * while passing every byte through untouched, in order. At most `limit` bytes are kept; the
 * rest is forwarded without copying. Decoding uses the charset of the content-type (UTF-8 when
 * absent or unknown).
 */

/** The part of Firefox's StreamFilter we use. */
export interface StreamFilterLike {
  ondata: ((event: { data: ArrayBuffer }) => void) | null;
  onstop: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  write(data: ArrayBuffer): void;
  close(): void;
  disconnect(): void;
}

export const BODY_PREFIX_LIMIT = 64 * 1024;

export function charsetOf(contentType: string | undefined): string {
  const m = /charset=["']?([\w-]+)/i.exec(contentType ?? '');
  const label = m?.[1] ?? 'utf-8';
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return 'utf-8';
  }
}

/** Wires the filter; calls `done` once with the decoded prefix when the response ends. */
export function readBodyPrefix(
  filter: StreamFilterLike,
  contentType: string | undefined,
  done: (text: string) => void,
  limit = BODY_PREFIX_LIMIT,
): void {
  const parts: Uint8Array[] = [];
  let kept = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    const all = new Uint8Array(kept);
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    done(new TextDecoder(charsetOf(contentType), { fatal: false }).decode(all));
  };
  filter.ondata = (event) => {
    // Forward first: the page's response never waits for Detour.
    filter.write(event.data);
    if (kept < limit) {
      const take = Math.min(limit - kept, event.data.byteLength);
      parts.push(new Uint8Array(event.data.slice(0, take)));
      kept += take;
      if (kept >= limit) {
        // Enough read: let the rest stream straight to the page.
        filter.disconnect();
        finish();
      }
    }
  };
  filter.onstop = () => {
    filter.close();
    finish();
  };
  filter.onerror = () => finish();
}
