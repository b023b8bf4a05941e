/**
 * The MAIN-world tap on fetch and XMLHttpRequest (bundled into entrypoints/fetch-tap.content.ts).
 * It must be invisible to the page: the page gets the very promise, response, stream and error
 * the browser gave; `fetch.toString()` prints exactly what it prints without Detour, because
 * `Function.prototype.toString` is disguised too (see `disguise`).
 * Only responses with status >= 400 from the services' hosts are looked at, by reading at most
 * TAP_BODY_LIMIT characters from a clone, after the page already has its response. 2xx: no
 * clone, no read, one comparison. A fetch to those hosts that fails without a response is
 * posted with status 0 and no body: no evidence of a block, but the page watcher's cue to look.
 *
 * No imports: this file runs in the page's world and ships in a tiny bundle.
 */

/** Marks Detour's window messages. A page can forge them; the background re-checks everything. */
export const TAP_MARK = '__detourFetchTap';
export const TAP_BODY_LIMIT = 16 * 1024;
/**
 * A bare event (no data) dispatched on window the moment a watched request fails, before the
 * page's own handlers run: events reach the isolated world's listeners synchronously, while a
 * posted message arrives a task later, after the page may already have shown its banner. The
 * page watcher opens its window on it. A page can dispatch it too: that costs only observation.
 */
export const TAP_CUE_EVENT = 'detour-request-failed';

export interface TapMessage {
  [TAP_MARK]: 1;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/** `hosts` exact host names; `patterns` like `bedrock-runtime.*.amazonaws.com` (one label per *). */
export function hostMatcher(hosts: string[], patterns: string[]): (url: string) => boolean {
  const exact = new Set(hosts);
  const res = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .split('*')
          .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[a-z0-9-]+')}$`,
      ),
  );
  return (url) => {
    let host: string;
    try {
      const u = new URL(url);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
      host = u.hostname.toLowerCase();
    } catch {
      return false;
    }
    return exact.has(host) || res.some((r) => r.test(host));
  };
}

async function readPrefix(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    // Cancelling the clone's branch leaves the page's own branch untouched.
    reader.cancel().catch(() => {});
  }
  return text.slice(0, limit);
}

/**
 * A Proxy forwards `name` and calls, but `Function.prototype.toString` prints a proxied function
 * as `function () { [native code] }`, without its name: a page that checks
 * `fetch.toString()` (bot checks, SDKs deciding whether fetch is native) would see a difference
 * (test/e2e/hostile-pages checks it). So toString itself is proxied once per window to
 * print the original for Detour's proxies, including for itself.
 */
const originals = new WeakMap<object, object>();
function disguise<T extends object>(win: typeof globalThis, target: T, handler: ProxyHandler<T>): T {
  const proxy = new Proxy(target, handler);
  originals.set(proxy, target);
  const fnProto = ((win as unknown as { Function?: FunctionConstructor }).Function ?? Function).prototype;
  const nativeToString = fnProto.toString;
  if (!originals.has(nativeToString)) {
    const disguisedToString = new Proxy(nativeToString, {
      apply(original, thisArg, args) {
        return Reflect.apply(original, originals.get(thisArg) ?? thisArg, args);
      },
    });
    originals.set(disguisedToString, nativeToString);
    fnProto.toString = disguisedToString;
  }
  return proxy;
}

/** The absolute URL a fetch call asked for (a string, URL or Request), or null. */
function requestUrl(win: typeof globalThis, input: unknown): string | null {
  const raw =
    typeof input === 'string'
      ? input
      : input && typeof (input as { href?: unknown }).href === 'string'
        ? (input as URL).href
        : input && typeof (input as { url?: unknown }).url === 'string'
          ? (input as Request).url
          : null;
  if (raw === null) return null;
  try {
    return new URL(raw, win.location?.href).href;
  } catch {
    return null;
  }
}

export function installFetchTap(
  win: typeof globalThis,
  isWatched: (url: string) => boolean,
  post: (message: TapMessage) => void,
  cue: () => void = () => {},
): void {
  const report = (url: string, status: number, contentType: string, body: string) => {
    post({
      [TAP_MARK]: 1,
      url,
      status,
      contentType: contentType.slice(0, 200),
      body: body.slice(0, TAP_BODY_LIMIT),
    });
  };

  const nativeFetch = win.fetch;
  if (typeof nativeFetch === 'function') {
    win.fetch = disguise(win, nativeFetch, {
      apply(target, thisArg, args) {
        const pending = Reflect.apply(target, thisArg, args) as Promise<Response>;
        // A side branch: the page still gets `pending` itself, with its own value or error.
        pending.then(
          (response) => {
            try {
              if (response.status < 400 || response.type === 'opaque' || !isWatched(response.url)) return;
              cue();
              const copy = response.clone();
              readPrefix(copy, TAP_BODY_LIMIT).then(
                (body) =>
                  report(response.url, response.status, response.headers.get('content-type') ?? '', body),
                () => {},
              );
            } catch {
              // e.g. the page already consumed the body: clone() throws; nothing to read then.
            }
          },
          (error: unknown) => {
            // A network failure on the service's own host opens the page watcher's window (status
            // 0, no body); the page's own cancellations (AbortError) are no news.
            try {
              if ((error as { name?: unknown } | null)?.name === 'AbortError') return;
              const url = requestUrl(win, args[0]);
              if (url && isWatched(url)) {
                cue();
                report(url, 0, '', '');
              }
            } catch {
              // never throw inside the page's request
            }
          },
        );
        return pending;
      },
    });
  }

  const XHR = win.XMLHttpRequest;
  if (typeof XHR === 'function') {
    const onLoadEnd = function (this: XMLHttpRequest) {
      try {
        if (this.status < 400 || !isWatched(this.responseURL)) return;
        cue();
        let body = '';
        if (this.responseType === '' || this.responseType === 'text') body = this.responseText;
        else if (this.responseType === 'json') body = JSON.stringify(this.response) ?? '';
        report(this.responseURL, this.status, this.getResponseHeader('content-type') ?? '', body);
      } catch {
        // Never let Detour's code throw inside the page's request.
      }
    };
    const nativeSend = XHR.prototype.send;
    XHR.prototype.send = disguise(win, nativeSend, {
      apply(target, thisArg: XMLHttpRequest, args) {
        try {
          thisArg.addEventListener('loadend', onLoadEnd);
        } catch {
          // not an XMLHttpRequest: let the native send throw its own error below
        }
        return Reflect.apply(target, thisArg, args);
      },
    });
  }
}

/** Checks a window message in the isolated world; returns a clean copy or null. No schema library. */
export function readTapMessage(data: unknown): TapMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m[TAP_MARK] !== 1) return null;
  const { url, status, contentType, body } = m;
  if (typeof url !== 'string' || url.length > 8192 || !/^https?:\/\//i.test(url)) return null;
  // 0: a network failure (no response at all); otherwise an HTTP error status.
  if (
    typeof status !== 'number' ||
    !Number.isInteger(status) ||
    (status !== 0 && status < 400) ||
    status > 599
  )
    return null;
  if (typeof contentType !== 'string' || contentType.length > 200) return null;
  if (typeof body !== 'string' || body.length > TAP_BODY_LIMIT) return null;
  return { [TAP_MARK]: 1, url, status, contentType, body };
}
