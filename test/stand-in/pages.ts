/**
 * HTML the stand-in serves. Block and look-alike text comes from the signature fixtures and is
 * always escaped; the only text written here is the stand-in's own labels (marked as a
 * stand-in, so nobody mistakes a screenshot for the real service).
 */
import type { Signature } from './signatures';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function document(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
.stand-in{font-size:.8rem;color:#666;border-top:1px solid #ddd;margin-top:3rem;padding-top:.5rem}</style>
${head}</head>
<body>
${body}
</body>
</html>
`;
}

/** Marks every page as served locally, in the three languages Detour speaks. */
function standInFooter(signature?: Signature): string {
  const origin = signature
    ? `<br>Text: fixture <code>${escapeHtml(signature.id)}</code>, source: ${escapeHtml(signature.source)}`
    : '';
  return `<p class="stand-in">Detour stand-in, served from this computer · Detour 本地替身页面 · Detour 本機替身頁面${origin}</p>`;
}

/**
 * Plain or markdown-ish fixture text as paragraphs: a line starting with "# " becomes the
 * heading; blank lines separate paragraphs; other lines stay lines.
 */
function textAsHtml(text: string): string {
  return text
    .split(/\n{2,}|\n(?=# )/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) =>
      block.startsWith('# ')
        ? `<h1>${escapeHtml(block.slice(2))}</h1>`
        : `<p>${block.split('\n').map(escapeHtml).join('<br>\n')}</p>`,
    )
    .join('\n');
}

/** A fixture's text as a whole page; its first line is the title unless one is given. */
export function fixturePage(signature: Signature, title?: string): string {
  const firstLine = signature.body.split('\n')[0]?.replace(/^# /, '') ?? '';
  return document(title ?? firstLine, `${textAsHtml(signature.body)}\n${standInFooter(signature)}`);
}

/** The text inside a fixture that is a `<title>` element. */
export function titleFromFixture(signature: Signature): string {
  const match = /<title>([^<]*)<\/title>/i.exec(signature.body);
  if (!match?.[1]) throw new Error(`stand-in: fixture ${signature.id} holds no <title>`);
  return match[1];
}

/** An ordinary, working page of a service: what a user in a served region sees. */
export function servedAppPage(serviceName: string): string {
  return document(
    serviceName,
    `<h1>${escapeHtml(serviceName)}</h1><p id="app">Ready.</p>\n${standInFooter()}`,
  );
}

/**
 * A page of a web app that inserts a fixture's banner after load, nested a few elements deep
 * like a real single-page app, through textContent (the fixture text is never parsed as HTML).
 */
export function bannerAfterLoadPage(serviceName: string, banner: Signature, delayMs: number): string {
  const script = `
window.addEventListener('load', () => {
  setTimeout(() => {
    const outer = document.createElement('div');
    outer.setAttribute('role', 'alert');
    const inner = document.createElement('div');
    const text = document.createElement('span');
    text.id = 'banner';
    text.textContent = ${JSON.stringify(banner.body)};
    inner.append(text);
    outer.append(inner);
    document.getElementById('app').append(outer);
  }, ${delayMs});
});`;
  return document(
    serviceName,
    `<h1>${escapeHtml(serviceName)}</h1><div id="app"></div>\n${standInFooter(banner)}\n<script>${script}</script>`,
  );
}

/** Which response the API stand-in gives; chosen by the API key the page sends. */
export const PLAYGROUND_CASES = ['region', 'quota', 'invalid-key'] as const;
export type PlaygroundCase = (typeof PLAYGROUND_CASES)[number];

/** Keys the API stand-in recognises; any other key (or none) gets the region refusal. */
export const STAND_IN_API_KEYS: Record<Exclude<PlaygroundCase, 'region'>, string> = {
  quota: 'sk-detour-stand-in-quota-exceeded',
  'invalid-key': 'sk-detour-stand-in-invalid',
};

/**
 * A developer console page that calls the chat completions API from the page itself, as
 * OpenAI's playground does: `?case=` picks the key, and the page shows status and body as text
 * (`?via=xhr`: with XMLHttpRequest; `?via=worker`: in a Web Worker, showing only the status).
 */
export function playgroundPage(apiUrl: string): string {
  const script = `
const cases = ${JSON.stringify(STAND_IN_API_KEYS)};
const which = new URLSearchParams(location.search).get('case') || 'region';
const key = cases[which] || 'sk-detour-stand-in-any';
const request = {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key },
  body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] }),
};
// ?via=worker makes the call from a Web Worker and shows only the status: then nothing in the
// page's own window (no wrapped fetch, no text) carries the answer, only the network does.
const via = new URLSearchParams(location.search).get('via') || 'page';
function callWithXhr() {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, ${JSON.stringify(apiUrl)});
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new Error('XHR failed'));
    xhr.send(request.body);
  });
}
function callInWorker() {
  const source = 'onmessage = async (m) => { const r = await fetch(m.data.url, m.data.request);' +
    ' postMessage({ status: r.status, text: await r.text() }); };';
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  return new Promise((resolve, reject) => {
    worker.onmessage = (m) => resolve(m.data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ url: ${JSON.stringify(apiUrl)}, request });
  });
}
async function call() {
  const status = document.getElementById('status');
  status.textContent = 'calling';
  try {
    let answer;
    if (via === 'worker') {
      answer = await callInWorker();
    } else {
      if (via === 'xhr') {
        answer = await callWithXhr();
      } else {
        const response = await fetch(${JSON.stringify(apiUrl)}, request);
        answer = { status: response.status, text: await response.text() };
      }
      document.getElementById('response').textContent = answer.text;
    }
    status.textContent = 'done ' + answer.status;
  } catch (error) {
    status.textContent = 'failed ' + error;
  }
}
window.addEventListener('load', call);`;
  return document(
    'Playground - OpenAI Platform',
    `<h1>OpenAI Platform: Playground</h1>
<p>POST ${escapeHtml(apiUrl)}</p>
<p>Status: <span id="status">waiting</span></p>
<pre id="response" style="white-space:pre-wrap"></pre>
${standInFooter()}
<script>${script}</script>`,
  );
}

export interface StartLink {
  href: string;
  en: string;
  zhCN: string;
  zhTW: string;
  /** What Detour should log there: one block of this service and product, or nothing. */
  expect: { service: string; product: string } | 'quiet';
}

/** The demo's tour, in the order a newcomer should click it. */
export const TOUR: readonly StartLink[] = [
  {
    href: 'https://chatgpt.com/',
    en: 'ChatGPT refuses the connection (its “Unable to load site” page)',
    zhCN: 'ChatGPT 拒绝连接（“Unable to load site”页面）',
    zhTW: 'ChatGPT 拒絕連線（「Unable to load site」頁面）',
    expect: { service: 'openai', product: 'chatgpt' },
  },
  {
    href: 'https://platform.openai.com/playground?case=region',
    en: 'An API call answered with OpenAI’s 403 region error',
    zhCN: 'API 调用收到 OpenAI 的 403 地区错误',
    zhTW: 'API 呼叫收到 OpenAI 的 403 地區錯誤',
    expect: { service: 'openai', product: 'api' },
  },
  {
    href: 'https://claude.ai/',
    en: 'Claude redirects to “App unavailable in region”',
    zhCN: 'Claude 跳转到“App unavailable in region”',
    zhTW: 'Claude 跳轉到「App unavailable in region」',
    expect: { service: 'anthropic', product: 'claude-web' },
  },
  {
    href: 'https://gemini.google.com/app',
    en: 'Gemini shows its “not supported in your country” banner',
    zhCN: 'Gemini 显示“not supported in your country”横幅',
    zhTW: 'Gemini 顯示「not supported in your country」橫幅',
    expect: { service: 'google', product: 'gemini-web' },
  },
  {
    href: 'https://platform.openai.com/playground?case=quota',
    en: 'A look-alike: a 429 “exceeded your current quota” that Detour must ignore',
    zhCN: '相似但无关：429“exceeded your current quota”，Detour 应保持安静',
    zhTW: '相似但無關：429「exceeded your current quota」，Detour 應保持安靜',
    expect: 'quiet',
  },
  {
    // Not a refusal: the connection never gets through (the stand-in closes it without an
    // answer). Earlier stops loaded, so Detour has seen that other sites load.
    href: 'https://grok.com/',
    en: 'Grok cannot be reached from this network (no answer at all, as in mainland China)',
    zhCN: '从当前网络无法连接 Grok（完全没有回应，和在中国大陆时一样）',
    zhTW: '從目前的網路無法連上 Grok（完全沒有回應，和在中國大陸時一樣）',
    expect: { service: 'xai', product: 'grok-web' },
  },
];

/**
 * What Claude Code prints after any failed connection (reference signature
 * claude-code-cli-might-not-be-available): a guess at a region, not a refusal. The demo pastes it
 * into the options page's "Check an error message", which offers to ask Anthropic.
 */
export const CLAUDE_CODE_NOTE = [
  ' Unable to connect to Anthropic services',
  ' Failed to connect to api.anthropic.com: ERR_BAD_REQUEST',
  ' Note: Claude Code might not be available in your country. Check supported countries at',
  ' https://anthropic.com/supported-countries',
].join('\n');

export function startPage(): string {
  const items = TOUR.map(
    (link) =>
      `<li><a href="${escapeHtml(link.href)}">${escapeHtml(link.en)}</a><br>
<span lang="zh-CN">${escapeHtml(link.zhCN)}</span> · <span lang="zh-TW">${escapeHtml(link.zhTW)}</span></li>`,
  ).join('\n');
  return document(
    'Detour demo',
    `<h1>Detour demo · 演示 · 示範</h1>
<p>These addresses are the services’ real host names, answered by a stand-in on this computer with messages the services were seen sending. Open each link, then look at Detour’s badge and popup.</p>
<p lang="zh-CN">以下地址是各服务的真实域名，由本机上的替身服务器应答，内容是这些服务真实发出过的消息。逐个打开链接，然后查看 Detour 的徽标和弹出窗口。</p>
<p lang="zh-TW">以下網址是各服務的真實網域，由本機上的替身伺服器回應，內容是這些服務真實發出過的訊息。逐一開啟連結，然後查看 Detour 的徽章和彈出視窗。</p>
<ol id="tour">
${items}
</ol>
<p>Then open Detour’s options, “Check an error message”, and paste what Claude Code prints when it cannot connect. It only guesses at a region, so Detour offers to ask Anthropic.</p>
<p lang="zh-CN">然后打开 Detour 的选项页“检查错误信息”，粘贴 Claude Code 连不上时打印的这段话。它只是在猜测地区原因，所以 Detour 会提出向 Anthropic 询问一次。</p>
<p lang="zh-TW">接著開啟 Detour 的選項頁「檢查錯誤訊息」，貼上 Claude Code 連不上時印出的這段話。它只是在猜測地區原因，所以 Detour 會提議向 Anthropic 詢問一次。</p>
<pre id="guess-note">${escapeHtml(CLAUDE_CODE_NOTE)}</pre>
${standInFooter()}`,
  );
}

/**
 * A chat client that calls the model provider from its own server (LobeChat's way): the page
 * posts to a path on its own host, shows the status and, when the answer is an error, the
 * client's own words for it (`shownOnError`, a fixture), as the client renders a refusal it relays.
 */
export function relayingClientPage(name: string, apiPath: string, shownOnError: Signature): string {
  const script = `
const shownOnError = ${JSON.stringify(shownOnError.body).replace(/</g, '\\u003c')};
async function call() {
  const status = document.getElementById('status');
  status.textContent = 'calling';
  try {
    const response = await fetch(${JSON.stringify(apiPath)}, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Hello' }] }),
    });
    await response.text();
    if (!response.ok) {
      const error = document.createElement('p');
      error.className = 'chat-error';
      error.textContent = shownOnError;
      document.getElementById('conversation').append(error);
    }
    status.textContent = 'done ' + response.status;
  } catch (error) {
    status.textContent = 'failed ' + error;
  }
}
window.addEventListener('load', call);`;
  return document(
    name,
    `<h1>${escapeHtml(name)}</h1>
<p>POST ${escapeHtml(apiPath)}</p>
<p>Status: <span id="status">waiting</span></p>
<div id="conversation"></div>
${standInFooter(shownOnError)}`,
    `<script>${script}</script>`,
  );
}
