/**
 * Pages that attack Detour or lean on the parts of the web platform its fetch tap touches
 * (the stores' review bar). Served by the stand-in under `/detour-hostile/` on ANY host, so one page can be
 * opened on a watched host (Detour's content scripts run there) and on an unwatched one (they
 * do not): the unwatched copy is the same page in the same browser without Detour, the control.
 *
 * The pages expose functions on `window` that the tests call with page.evaluate(); they return
 * plain JSON describing what the page saw, so watched and control runs compare field by field.
 */
import type { Reply } from './server';

export const HOSTILE_PREFIX = '/detour-hostile/';

function page(title: string, script: string, head = ''): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head>
<body><h1>${title}</h1><div id="app"></div>
<p>Detour stand-in, served from this computer · Detour 本地替身页面 · Detour 本機替身頁面</p>
<script>${script}</script></body></html>
`,
  };
}

/**
 * Forges the fetch tap's window messages (`__detourFetchTap`, core/watch/fetch-tap.ts) as fast
 * as it can while counting its own messages and the ticks of its own timing loop.
 */
const FORGE_SCRIPT = `
window.__ownReceived = 0;
window.__forgedSeen = 0;
window.addEventListener('message', (event) => {
  if (event.data && event.data.pageOwn !== undefined) window.__ownReceived++;
  if (event.data && event.data.__detourFetchTap === 1) window.__forgedSeen++;
});
window.__ticks = 0;
setInterval(() => { window.__ticks++; }, 10);
/** claims: [{ url, status, contentType, body }]; posts them round-robin for durationMs. */
window.runForgery = async ({ claims, durationMs, batch }) => {
  const start = performance.now();
  const ticksAtStart = window.__ticks;
  const receivedAtStart = window.__ownReceived;
  let forged = 0;
  let own = 0;
  while (performance.now() - start < durationMs) {
    for (let i = 0; i < batch; i++) {
      const claim = claims[forged % claims.length];
      window.postMessage({ __detourFetchTap: 1, ...claim }, location.origin);
      forged++;
      window.postMessage({ pageOwn: own++ }, location.origin);
    }
    // Yield so message events (ours and Detour's listener) and the timing loop run.
    await new Promise((r) => setTimeout(r, 0));
  }
  const elapsedMs = performance.now() - start;
  // Let the last posted messages arrive.
  await new Promise((r) => setTimeout(r, 200));
  return {
    forged,
    own,
    ownReceived: window.__ownReceived - receivedAtStart,
    elapsedMs,
    ticks: window.__ticks - ticksAtStart,
  };
};
/** Writes text into the page as text (a forged banner for another service). */
window.showText = (text) => {
  const p = document.createElement('p');
  p.textContent = text;
  document.getElementById('app').append(p);
  return true;
};
`;

/**
 * Everything a page on an unwatched host can try to reach an extension: the tap's window
 * message, runtime.sendMessage with the extension's id (no externally_connectable: it should
 * not even exist), runtime.connect, and a DOM event.
 */
const TALK_SCRIPT = `
window.tryToTalk = async ({ extensionId, claim }) => {
  const tried = [];
  window.postMessage({ __detourFetchTap: 1, ...claim }, location.origin);
  window.postMessage({ __detourFetchTap: 1, ...claim }, '*');
  tried.push('postMessage');
  document.dispatchEvent(new CustomEvent('detour', { detail: claim }));
  tried.push('CustomEvent');
  const apis = [globalThis.chrome, globalThis.browser].filter((api) => api && api.runtime);
  const runtime = [];
  for (const api of apis) {
    for (const call of ['sendMessage', 'connect']) {
      if (typeof api.runtime[call] !== 'function') { runtime.push(call + ': absent'); continue; }
      try {
        const message = { id: 1, type: 'reportObservation', timestamp: Date.now(),
          data: { channel: 'fetch-tap', observation: { kind: 'response', ...claim } } };
        if (call === 'sendMessage') {
          const reply = await Promise.race([
            new Promise((resolve, reject) => {
              try { api.runtime.sendMessage(extensionId, message, (r) => resolve(r)); } catch (e) { reject(e); }
            }),
            new Promise((r) => setTimeout(() => r('no answer'), 1000)),
          ]);
          runtime.push('sendMessage: ' + JSON.stringify(reply ?? null));
        } else {
          api.runtime.connect(extensionId).postMessage(message);
          runtime.push('connect: posted');
        }
      } catch (error) {
        runtime.push(call + ': ' + (error && error.name));
      }
    }
  }
  return { tried, runtimePresent: apis.length > 0, runtime };
};
`;

/**
 * The fetch and XHR behaviours Detour's MAIN-world tap must leave alone. Each check returns
 * what the page observed (status, text, error name); the tests compare a watched run (tap
 * installed) with the control run (no Detour on that host). Same-origin URLs are relative, so
 * the same page works on any host; the cross-origin ones go to claude.ai, which sends no CORS
 * headers.
 */
const FETCH_SCRIPT = `
// The page replaces fetch with its own wrapper, after Detour's document_start tap (the usual
// order: analytics and SDKs wrap fetch early).
window.__wrapperCalls = 0;
const detourOrNative = window.fetch;
window.fetch = function (...args) { window.__wrapperCalls++; return detourOrNative.apply(this, args); };
window.runFetchChecks = async ({ crossOrigin }) => {
  const out = {};
  const err = (e) => (e && e.name) || String(e);
  const attempt = async (name, fn) => {
    // A check that never settles is a finding too, not a hung test.
    const timeout = new Promise((r) => setTimeout(() => r({ hung: true }), 5000));
    try { out[name] = await Promise.race([fn(), timeout]); } catch (e) { out[name] = { threw: err(e) }; }
  };
  await attempt('stream403', async () => {
    const r = await fetch('${HOSTILE_PREFIX}stream?status=403');
    const reader = r.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let chunks = 0;
    for (;;) { const { done, value } = await reader.read(); if (done) break; chunks++; text += decoder.decode(value, { stream: true }); }
    return { status: r.status, chunks: chunks > 1, text };
  });
  await attempt('stream200', async () => {
    const r = await fetch('${HOSTILE_PREFIX}stream?status=200');
    const reader = r.body.getReader();
    let bytes = 0;
    for (;;) { const { done, value } = await reader.read(); if (done) break; bytes += value.byteLength; }
    return { status: r.status, bytes };
  });
  await attempt('abortBeforeHeaders', async () => {
    const c = new AbortController();
    const p = fetch('${HOSTILE_PREFIX}slow?status=403', { signal: c.signal });
    c.abort();
    await p;
    return 'not aborted';
  });
  await attempt('abortMidStream', async () => {
    const c = new AbortController();
    const r = await fetch('${HOSTILE_PREFIX}stream?status=403', { signal: c.signal });
    const reader = r.body.getReader();
    await reader.read();
    c.abort();
    for (;;) { const { done } = await reader.read(); if (done) return 'finished without abort'; }
  });
  await attempt('cloneTwice403', async () => {
    const r = await fetch('${HOSTILE_PREFIX}json?status=403');
    const a = r.clone();
    const b = r.clone();
    const texts = [await r.text(), await a.text(), await b.text()];
    let afterUse;
    try { r.clone(); afterUse = 'cloned'; } catch (e) { afterUse = err(e); }
    return { status: r.status, same: texts.every((t) => t === texts[0]), text: texts[0], afterUse, bodyUsed: r.bodyUsed };
  });
  await attempt('readThenClone403', async () => {
    const r = await fetch('${HOSTILE_PREFIX}json?status=404');
    const text = await r.text();
    let clone;
    try { r.clone(); clone = 'cloned'; } catch (e) { clone = err(e); }
    return { status: r.status, text, clone };
  });
  await attempt('requestObject', async () => {
    const req = new Request('${HOSTILE_PREFIX}json?status=403', { method: 'POST', body: 'hello', headers: { 'x-page': '1' } });
    const r = await fetch(req);
    return { status: r.status, text: await r.text(), bodyUsed: req.bodyUsed, url: new URL(r.url).pathname };
  });
  await attempt('opaqueNoCors', async () => {
    const r = await fetch(crossOrigin + '${HOSTILE_PREFIX}json?status=403', { mode: 'no-cors' });
    return { type: r.type, status: r.status, text: await r.text() };
  });
  await attempt('corsFailed', async () => {
    const r = await fetch(crossOrigin + '${HOSTILE_PREFIX}json?status=403');
    return { status: r.status };
  });
  await attempt('networkError', async () => {
    const r = await fetch('https://detour-no-such-host.invalid/');
    return { status: r.status };
  });
  await attempt('xhrText403', () => new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open('GET', '${HOSTILE_PREFIX}json?status=403');
    x.onloadend = () => resolve({ status: x.status, text: x.responseText });
    x.send();
  }));
  await attempt('xhrJson403', () => new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open('GET', '${HOSTILE_PREFIX}json?status=403');
    x.responseType = 'json';
    x.onloadend = () => resolve({ status: x.status, json: x.response });
    x.send();
  }));
  await attempt('xhrAbort', () => new Promise((resolve) => {
    const x = new XMLHttpRequest();
    const events = [];
    x.open('GET', '${HOSTILE_PREFIX}slow?status=403');
    x.onabort = () => events.push('abort');
    x.onloadend = () => resolve({ events, status: x.status });
    x.send();
    x.abort();
  }));
  await attempt('pristineFetchFromIframe', async () => {
    // A fetch from before Detour: an about:blank frame's own, which no content script wraps.
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const r = await frame.contentWindow.fetch(new URL('${HOSTILE_PREFIX}json?status=403', location.href).href);
    frame.remove();
    return { status: r.status, text: await r.text() };
  });
  out.fetchToString = Function.prototype.toString.call(detourOrNative).replace(/\\s+/g, ' ');
  out.wrapperCalls = window.__wrapperCalls;
  return out;
};
`;

/** The page's JSON error: not a region block, so the engine keeps it clean. */
export const HOSTILE_JSON_BODY =
  '{"error":{"message":"stand-in error for the fetch checks","code":"detour_test"}}';

export interface HostileRoutesOptions {
  /** The 403 body a streaming response sends in pieces (e.g. a real block page, to see the tap read it). */
  streamBody: string;
}

/** The stand-in's `extraRoutes` for the hostile pages. */
export function hostileRoutes(options: HostileRoutesOptions) {
  return ({ path, query }: { host: string; path: string; query: string }): Reply | null => {
    if (!path.startsWith(HOSTILE_PREFIX)) return null;
    const status = Number(new URLSearchParams(query).get('status') ?? '200') || 200;
    switch (path.slice(HOSTILE_PREFIX.length)) {
      case 'forge':
        return page('Forger', FORGE_SCRIPT);
      case 'talk':
        return page('Talker', TALK_SCRIPT);
      case 'fetch':
        return page('Fetch checks', FETCH_SCRIPT);
      case 'json':
        return { status, headers: { 'content-type': 'application/json' }, body: HOSTILE_JSON_BODY };
      case 'stream': {
        // Small pieces, some time apart: the page must read each piece as the server sent it.
        const text = status >= 400 ? options.streamBody : 'x'.repeat(64 * 1024);
        const parts: string[] = [];
        const size = Math.max(16, Math.ceil(text.length / 8));
        for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
        return {
          status,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          stream: parts,
          streamDelayMs: 40,
        };
      }
      case 'slow':
        return {
          status,
          headers: { 'content-type': 'text/plain' },
          stream: ['a', 'b', 'c', 'd', 'e'],
          streamDelayMs: 300,
        };
      default:
        return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'no such hostile page' };
    }
  };
}
