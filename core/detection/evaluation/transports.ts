/**
 * How refusals survive the ways they really travel. A refusal rarely reaches a person as the
 * service sent it: a gateway wraps it in its own error envelope, an SDK turns it into an
 * exception string, a logger prefixes it and may store it as a JSON string inside a JSON
 * string, a person pastes it into an issue inside a code fence, retypes it with a Chinese
 * input method (full-width forms), or copies only a page's title. Each transport here is a
 * mechanical rewrite modelled on one real envelope, with where it was seen (`source`).
 *
 * Every reference case (refusals and look-alikes) is read as a person would paste it (pasted
 * text: kind `text`, no host), once plain and once through each transport, by the whole engine.
 * A transport must not lose a refusal the plain text is recognised as, change who refused, or
 * turn a look-alike into a false alarm; known exceptions are data (TRANSPORT_EXCEPTIONS) with
 * their reason. Used by `npm run eval` (a table) and transports.test.ts (the assertion).
 *
 * Owns: the transports and their measurement. Must not: change what the engine decides.
 */
import { type CompiledRules, classifyWith, inferKind } from '../engine';
import type { Verdict } from '../observation';
import { type EvalCase, watcherTexts } from './generalisation';

export interface Transport {
  id: string;
  /** What the transport is, in a few words (the eval table's row label). */
  label: string;
  /** Where this envelope or rewrite was seen: a public source. */
  source: string;
  /** The case as it arrives through this transport, or null when the transport cannot carry it. */
  apply(testCase: EvalCase): string | null;
}

/** What a person pastes of a case: a page's title and visible text; any other body as it is. */
export function pastedText(testCase: EvalCase): string {
  const body = testCase.observation.body ?? '';
  if (!/<[a-z!/][^>]{0,2000}>/i.test(body)) return body;
  return watcherTexts(body)
    .map((text) =>
      text
        .replace(/&nbsp;/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/\s*\n\s*/g, '\n')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');
}

/** Longest one-line pasted text read as an API's own error message when it is not JSON. */
const PLAIN_ERROR_LIMIT = 200;

/**
 * Gateways and SDKs relay what an API answered: a response, or pasted text that is an API's error
 * (a JSON body, or one short line that asks nothing) — not a web page (a page reaches a person
 * through a browser, and is pasted, quoted or transcribed instead), and not a question, a reply or
 * an article, which no SDK ever wrapped.
 */
function relayed(testCase: EvalCase): boolean {
  const kind = inferKind(testCase.observation);
  if (kind === 'response') return true;
  if (kind !== 'text') return false;
  if (parsedBody(testCase) !== undefined) return true;
  const body = (testCase.observation.body ?? '').trim();
  return body.length <= PLAIN_ERROR_LIMIT && !body.includes('\n') && !/[?？]/.test(body);
}

/** The status a relay reports: the case's own error status, else 403 (what a region refusal answers). */
function errorStatus(testCase: EvalCase): number {
  const status = testCase.observation.status;
  return status !== undefined && status >= 400 ? status : 403;
}

function parsedBody(testCase: EvalCase): unknown {
  const body = (testCase.observation.body ?? '').trim();
  if (!body.startsWith('{')) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Python's repr() of a JSON value: single-quoted strings (double when the string holds a '), None, True, False. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/\t/g, '\\t')
      .replaceAll(quote, `\\${quote}`);
    return `${quote}${escaped}${quote}`;
  }
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, item]) => `${pythonRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
}

/** Python's json.dumps(text) with its default ensure_ascii: every non-ASCII character as \uXXXX. */
export function pythonJsonDumps(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The message an OpenAI-style error body carries (`error.message`), or another message field. */
function upstreamMessage(body: Record<string, unknown>): { openAiFormat: boolean; message: string } | null {
  const error = record(body.error);
  if (error && typeof error.message === 'string' && error.message !== '')
    return { openAiFormat: true, message: error.message };
  for (const key of ['message', 'msg', 'err', 'error_msg'] as const) {
    const value = body[key];
    if (typeof value === 'string' && value !== '') return { openAiFormat: false, message: value };
  }
  if (typeof body.error === 'string' && body.error !== '')
    return { openAiFormat: false, message: body.error };
  return null;
}

/** A request id as one-api and new-api write it: a timestamp and random digits. */
const REQUEST_ID = '2024072510422562564674066306279';

const PYTHON_SDK_CLASSES: Readonly<Record<number, string>> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
};

function sdkClass(status: number): string {
  return PYTHON_SDK_CLASSES[status] ?? (status >= 500 ? 'InternalServerError' : 'APIStatusError');
}

/** The OpenAI Python SDK's message for an error response: "Error code: N - <body as a dict repr, or the body text>". */
function pythonSdkMessage(testCase: EvalCase): string {
  const json = parsedBody(testCase);
  return `Error code: ${errorStatus(testCase)} - ${json === undefined ? pastedText(testCase) : pythonRepr(json)}`;
}

const LITELLM_CLASSES: Readonly<Record<number, string>> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  408: 'Timeout',
  413: 'BadRequestError',
  429: 'RateLimitError',
};

/** Traditional forms (OpenCC's STCharacters.txt, first value) of the Simplified characters in the Chinese reference refusals and phrase lists. */
export const SIMPLIFIED_TO_TRADITIONAL: Readonly<Record<string, string>> = {
  于: '於',
  们: '們',
  会: '會',
  务: '務',
  区: '區',
  吗: '嗎',
  国: '國',
  开: '開',
  当: '當',
  无: '無',
  时: '時',
  暂: '暫',
  来: '來',
  现: '現',
  盖: '蓋',
  码: '碼',
  访: '訪',
  译: '譯',
  该: '該',
  误: '誤',
  请: '請',
  过: '過',
  错: '錯',
  问: '問',
};
const SIMPLIFIED_TO_TRADITIONAL_SOURCE =
  'https://github.com/BYVoid/OpenCC/blob/5249273a3e5606852f088c9a8b23522145d94f78/data/dictionary/STCharacters.txt';

function toTraditional(text: string): string {
  return text.replace(/[\u4e00-\u9fff]/g, (char) => SIMPLIFIED_TO_TRADITIONAL[char] ?? char);
}

/** Typographic quotes as an editor's smart punctuation writes them: ’ for apostrophes, “…” for pairs. */
function curlyQuotes(text: string): string {
  let open = true;
  return text
    .replace(/(?<=\p{L})'(?=\p{L})/gu, '\u2019')
    .replace(/'/g, () => '\u2019')
    .replace(/"/g, () => {
      const quote = open ? '\u201c' : '\u201d';
      open = !open;
      return quote;
    });
}

/** Full-width forms, as a Chinese or Japanese input method types Latin text: ASCII ! to ~ shifted to U+FF01–U+FF5E, the space to U+3000. */
function fullWidth(text: string): string {
  return text.replace(/[!-~ ]/g, (char) =>
    char === ' ' ? '\u3000' : String.fromCharCode(char.charCodeAt(0) + 0xfee0),
  );
}

/** A string as Node's console prints it: single quotes, else backticks when it holds a '. */
function nodeQuoted(text: string): string {
  const quote = text.includes("'") ? '`' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/**
 * An SDK error logged by Node's console (the AI SDK's APICallError): a long string property is
 * split at its line breaks into pieces joined by ' +', one per line.
 */
function nodeConsoleError(status: number, message: string, body: string): string {
  const lines = body.split('\n');
  const pieces = lines.map((line, index) => nodeQuoted(index < lines.length - 1 ? `${line}\n` : line));
  return [
    `APICallError [AI_APICallError]: ${message}`,
    '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5) {',
    `  statusCode: ${status},`,
    `  responseBody: ${pieces.join(' +\n    ')},`,
    '  isRetryable: false',
    '}',
  ].join('\n');
}

function changed(before: string, after: string): string | null {
  return after === before ? null : after;
}

export const TRANSPORTS: readonly Transport[] = [
  {
    id: 'one-api-envelope',
    label: 'one-api / new-api relay envelope',
    // one-api copies an OpenAI-format upstream error (message, type, param, code) and appends the
    // request id to its message; any other JSON error becomes type upstream_error with the
    // upstream's message. A body that is not JSON is replaced by "bad response status code N": nothing
    // of it is relayed, so such cases are not carried.
    source:
      'https://github.com/songquanpeng/one-api/issues/1692 ; https://github.com/songquanpeng/one-api/blob/main/relay/controller/error.go ; https://github.com/QuantumNous/new-api/blob/main/middleware/utils.go',
    apply(testCase) {
      if (!relayed(testCase)) return null;
      const body = record(parsedBody(testCase));
      const upstream = body && upstreamMessage(body);
      if (!body || !upstream) return null;
      const error = record(body.error);
      const message = `${upstream.message} (request id: ${REQUEST_ID})`;
      const envelope = upstream.openAiFormat
        ? {
            message,
            type: typeof error?.type === 'string' ? error.type : '',
            param: typeof error?.param === 'string' ? error.param : '',
            code: error?.code ?? null,
          }
        : {
            message,
            type: 'upstream_error',
            param: String(errorStatus(testCase)),
            code: 'bad_response_status_code',
          };
      return JSON.stringify({ error: envelope }, null, 2);
    },
  },
  {
    id: 'litellm-exception',
    label: 'LiteLLM exception string',
    // litellm.<Class>: <Provider>Exception - <the provider SDK's message>; for an OpenAI-compatible
    // upstream that message is the OpenAI Python SDK's "Error code: N - {repr of the body}".
    source:
      'https://github.com/BerriAI/litellm/blob/main/litellm/exceptions.py ; https://github.com/nalgeon/pokitoki/issues/42',
    apply(testCase) {
      if (!relayed(testCase)) return null;
      const status = errorStatus(testCase);
      const name = LITELLM_CLASSES[status] ?? (status >= 500 ? 'InternalServerError' : 'APIConnectionError');
      return `litellm.${name}: OpenAIException - ${pythonSdkMessage(testCase)}`;
    },
  },
  {
    id: 'openai-python-sdk',
    label: 'OpenAI Python SDK exception',
    // openai.<Class>: Error code: N - <body as a Python dict repr, or the body text>.
    source:
      'https://github.com/nalgeon/pokitoki/issues/42 ; https://github.com/openai/openai-python/blob/main/src/openai/_client.py',
    apply(testCase) {
      if (!relayed(testCase)) return null;
      return `openai.${sdkClass(errorStatus(testCase))}: ${pythonSdkMessage(testCase)}`;
    },
  },
  {
    id: 'openai-node-sdk',
    label: 'OpenAI Node SDK error',
    // "<status> <error.message>", else "<status> <JSON of error>", else the body text; a JSON body
    // without an `error` member leaves only "<status> status code (no body)": nothing carried.
    source:
      'https://github.com/openai/openai-node/blob/master/src/core/error.ts ; https://github.com/mckaywrigley/chatbot-ui/issues/1875',
    apply(testCase) {
      if (!relayed(testCase)) return null;
      const status = errorStatus(testCase);
      const json = parsedBody(testCase);
      const text = pastedText(testCase);
      if (json === undefined) return text.trim() === '' ? null : `${sdkClass(status)}: ${status} ${text}`;
      const error = record(json)?.error;
      if (error === undefined || error === null) return null;
      const message = record(error)?.message;
      const shown =
        typeof message === 'string' ? message : message ? JSON.stringify(message) : JSON.stringify(error);
      return `${sdkClass(status)}: ${status} ${shown}`;
    },
  },
  {
    id: 'node-console',
    label: "an SDK error logged by Node's console",
    // The AI SDK's APICallError as console.error prints it: the response body pretty-printed and
    // split at its line breaks into quoted pieces joined by ' +'.
    source:
      'https://github.com/dyad-sh/dyad/issues/2236 ; https://nodejs.org/api/util.html#utilinspectobject-options',
    apply(testCase) {
      if (!relayed(testCase)) return null;
      const json = parsedBody(testCase);
      if (json === undefined) return null;
      const body = record(json) ?? {};
      const upstream = upstreamMessage(body);
      // The status the body itself gives (a problem document's `status`, Google's `error.code`) is
      // the one the SDK received.
      const own = [body.status, record(body.error)?.code].find((value) => typeof value === 'number');
      const status = typeof own === 'number' && own >= 400 ? own : errorStatus(testCase);
      return nodeConsoleError(status, upstream?.message ?? 'Forbidden', JSON.stringify(json, null, 2));
    },
  },
  {
    id: 'json-escaped',
    label: 'JSON-escaped once (\\" and \\uXXXX)',
    // A body stored as a JSON string inside another JSON document (OpenRouter's metadata.raw), by a
    // serialiser that escapes non-ASCII (Python's json.dumps default).
    source:
      'https://github.com/mingcheng/aigitcommit/issues/4 ; https://docs.python.org/3/library/json.html#json.dumps',
    apply: (testCase) => pythonJsonDumps(pastedText(testCase)),
  },
  {
    id: 'json-escaped-twice',
    label: 'JSON-escaped twice (\\\\\\" and \\\\uXXXX)',
    // The same relayed body written once more as a JSON string (a structured log line of the
    // relay's response): a JSON string inside a JSON string.
    source:
      'https://github.com/mingcheng/aigitcommit/issues/4 ; https://github.com/OpenFn/adaptors/issues/1604',
    apply: (testCase) => pythonJsonDumps(pythonJsonDumps(pastedText(testCase))),
  },
  {
    id: 'log-line',
    label: 'log line prefix (time, logger, level)',
    // Python logging's common "%(asctime)s - %(name)s - %(levelname)s - %(message)s".
    source:
      'https://docs.python.org/3/library/logging.html#logrecord-attributes ; https://github.com/coze-dev/coze-studio/issues/246',
    apply: (testCase) => `2024-07-25 10:42:25,626 - relay.upstream - ERROR - ${pastedText(testCase)}`,
  },
  {
    id: 'lost-spaces',
    label: 'spaces lost in transcription',
    // Block pages whose text lost its spaces in transcription are among the misses the project's
    // detection requirements report; no public example was found, so this stands on that report.
    source: 'none public: reported in the project’s detection requirements',
    apply: (testCase) => changed(pastedText(testCase), pastedText(testCase).replace(/ /g, '')),
  },
  {
    id: 'full-width',
    label: 'full-width forms',
    source: 'https://www.unicode.org/charts/PDF/UFF00.pdf',
    apply: (testCase) => changed(pastedText(testCase), fullWidth(pastedText(testCase))),
  },
  {
    id: 'curly-quotes',
    label: 'curly quotes (smart punctuation)',
    // Google's own Gemini banner ships with a typographic apostrophe (reference case
    // gemini-web-curly-apostrophe-variant); editors and chat clients do the same to quotes.
    source: 'signature:gemini-web-curly-apostrophe-variant',
    apply: (testCase) => changed(pastedText(testCase), curlyQuotes(pastedText(testCase))),
  },
  {
    id: 'traditional-chinese',
    label: 'Traditional Chinese (zh cases)',
    source: SIMPLIFIED_TO_TRADITIONAL_SOURCE,
    apply: (testCase) =>
      testCase.lang.startsWith('zh')
        ? changed(pastedText(testCase), toTraditional(pastedText(testCase)))
        : null,
  },
  {
    id: 'title-only',
    label: 'page title only',
    // A block page of which only the title reached the person: bash echoed the first line of the
    // downloaded page, and its <title> is the one readable sign.
    source: 'https://github.com/anthropics/claude-code/issues/17813',
    apply(testCase) {
      if (inferKind(testCase.observation) !== 'page') return null;
      const [title, visible] = watcherTexts(testCase.observation.body ?? '');
      return visible !== undefined && title?.trim() ? title.trim() : null;
    },
  },
  {
    id: 'markdown-fence',
    label: 'Markdown code fence',
    source:
      'https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#quoting-code ; https://github.com/continuedev/continue/issues/11449',
    apply: (testCase) => `\`\`\`\n${pastedText(testCase)}\n\`\`\``,
  },
  {
    id: 'markdown-quote',
    label: 'Markdown quote (> )',
    source:
      'https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#quoting-text',
    apply: (testCase) =>
      pastedText(testCase)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n'),
  },
];

/**
 * What a transport is known to cost, each with why it stays: a refusal lost, another service
 * named, or a look-alike read as a refusal. Keyed `transport id/case id`. The test fails on any
 * cost not listed here, and on an entry that is no longer needed.
 */
export const TRANSPORT_EXCEPTIONS: Readonly<Record<string, string>> = {
  'one-api-envelope/github-copilot-token-envelope-trade-restricted':
    'lost by the relay itself: one-api passes on only the top-level message ("Resource not accessible by integration"); the refusal is in error_details, which it drops',
  'openai-node-sdk/anthropic-api-403-request-not-allowed':
    'other service: the SDK keeps only "403 Request not allowed", which names no service; it is still recognised, as an AI service not named',
  'lost-spaces/anthropic-api-403-request-not-allowed':
    'other service: Anthropic’s signature compares the envelope’s message exactly, and "Requestnotallowed" is not it; still recognised, as an AI service not named',
  'lost-spaces/anthropic-api-403-request-not-allowed-claude-code':
    'other service: Anthropic’s signature compares the envelope’s message exactly, and "Requestnotallowed" is not it; still recognised, as an AI service not named',
  'lost-spaces/chatgpt-italy-disabled-2023':
    'glued words are read only as an English refusal addressed to the reader ("…inyourcountry"); this page names a country ("forusersinItaly"), which needs its spaces',
  'lost-spaces/aistudio-redirect-target-pt-br':
    'glued words are read only in English; this Portuguese page is recognised by its phrases, which need their spaces',
  'lost-spaces/aistudio-redirect-target-vi':
    'glued words are read only in English; this Vietnamese page is recognised by its phrases, which need their spaces',
  'lost-spaces/aistudio-redirect-target-es':
    'glued words are read only in English; this Spanish page is recognised by its phrases, which need their spaces',
  'lost-spaces/neg-code-python-format-openai-error-ru':
    'false alarm: code that lost its spaces ("defformat_openai_error", "inmessage") no longer reads as code, and the literal it tests for is OpenAI’s signature; pasted with its spaces it is clean',
  'title-only/cf-1009-generic-country-ban-html':
    'the title is "Access denied", the same as Cloudflare’s firewall-rule page (1020): alone it is no sign of a region',
};

export interface TransportOutcome {
  testCase: EvalCase;
  plain: Verdict;
  carried: Verdict;
}

function pasted(rules: CompiledRules, testCase: EvalCase, body: string): Verdict {
  return classifyWith(rules, { id: testCase.id, kind: 'text', body });
}

export interface TransportRow {
  transport: Transport;
  /** Refusals the transport carries. */
  refusals: number;
  /** Of those, recognised as plain pasted text. */
  plainCaught: number;
  /** Recognised both plain and through the transport. */
  kept: number;
  /** Recognised through the transport, naming the same service as the plain text. */
  serviceKept: number;
  /** Recognised only through the transport. */
  gained: number;
  lookAlikes: number;
  /** Look-alikes read as a refusal once carried that were clean as plain pasted text. */
  falseAlarms: number;
  /** Look-alikes already read as a refusal as plain pasted text (not the transport's doing). */
  plainAlarms: number;
  /** Case ids: plain recognised, carried not. */
  lost: string[];
  /** Case ids: another service named once carried. */
  otherService: string[];
  /** The same, with the services: `id (plain → carried)`. */
  serviceChanges: string[];
  /** Case ids: look-alikes clean as plain text, blocked once carried. */
  alarms: string[];
}

export function transportOutcomes(
  rules: CompiledRules,
  transport: Transport,
  cases: readonly EvalCase[],
): TransportOutcome[] {
  return cases.flatMap((testCase) => {
    const carriedText = transport.apply(testCase);
    if (carriedText === null) return [];
    return [
      {
        testCase,
        plain: pasted(rules, testCase, pastedText(testCase)),
        carried: pasted(rules, testCase, carriedText),
      },
    ];
  });
}

export function transportRow(transport: Transport, outcomes: readonly TransportOutcome[]): TransportRow {
  const refusals = outcomes.filter((o) => o.testCase.expect === 'block');
  const lookAlikes = outcomes.filter((o) => o.testCase.expect === 'clean');
  const plainCaught = refusals.filter((o) => o.plain.verdict === 'block');
  const kept = plainCaught.filter((o) => o.carried.verdict === 'block');
  const newAlarms = lookAlikes.filter((o) => o.carried.verdict === 'block' && o.plain.verdict !== 'block');
  return {
    transport,
    refusals: refusals.length,
    plainCaught: plainCaught.length,
    kept: kept.length,
    serviceKept: kept.filter((o) => o.carried.service === o.plain.service).length,
    gained: refusals.filter((o) => o.plain.verdict !== 'block' && o.carried.verdict === 'block').length,
    lookAlikes: lookAlikes.length,
    falseAlarms: newAlarms.length,
    plainAlarms: lookAlikes.filter((o) => o.plain.verdict === 'block').length,
    lost: plainCaught.filter((o) => o.carried.verdict !== 'block').map((o) => o.testCase.id),
    otherService: kept.filter((o) => o.carried.service !== o.plain.service).map((o) => o.testCase.id),
    serviceChanges: kept
      .filter((o) => o.carried.service !== o.plain.service)
      .map((o) => `${o.testCase.id} (${o.plain.service} → ${o.carried.service})`),
    alarms: newAlarms.map((o) => o.testCase.id),
  };
}

/** One row per transport, over `cases`. */
export function transportTable(rules: CompiledRules, cases: readonly EvalCase[]): TransportRow[] {
  return TRANSPORTS.map((transport) => transportRow(transport, transportOutcomes(rules, transport, cases)));
}

/** What a row costs that TRANSPORT_EXCEPTIONS does not explain: `transport id/case id (what)`. */
export function unexplainedCosts(row: TransportRow): string[] {
  const costs = [
    ...row.lost.map((id) => [id, 'refusal lost'] as const),
    ...row.otherService.map((id) => [id, 'other service named'] as const),
    ...row.alarms.map((id) => [id, 'false alarm'] as const),
  ];
  return costs
    .filter(([id]) => !(`${row.transport.id}/${id}` in TRANSPORT_EXCEPTIONS))
    .map(([id, what]) => `${row.transport.id}/${id} (${what})`);
}

/** Exceptions that no row needs any more. */
export function staleExceptions(rows: readonly TransportRow[]): string[] {
  const costs = new Set(
    rows.flatMap((row) =>
      [...row.lost, ...row.otherService, ...row.alarms].map((id) => `${row.transport.id}/${id}`),
    ),
  );
  return Object.keys(TRANSPORT_EXCEPTIONS).filter((key) => !costs.has(key));
}

export interface PrefilterRow {
  transport: Transport;
  /** Page refusals the transport carries. */
  pages: number;
  /** Of those, how many the page prefilter passes as they are, and once carried. */
  plainPasses: number;
  carriedPasses: number;
}

/**
 * The rewrites a live page's own text can show in a browser: a page written in full-width forms,
 * with typographic quotes or Traditional characters, laid out so that its text runs together,
 * or saying what it is only in its title. (Escaping, envelopes and Markdown happen to text that
 * has left the page.)
 */
const PAGE_REWRITES = new Set([
  'lost-spaces',
  'full-width',
  'curly-quotes',
  'traditional-chinese',
  'title-only',
]);

/**
 * On a page, text reaches the engine only through the content script's keyword prefilter: how
 * many page refusals it still passes once rewritten as a live page can be.
 */
export function prefilterTable(
  cases: readonly EvalCase[],
  mightMatter: (text: string) => boolean,
): PrefilterRow[] {
  const pages = cases.filter(
    (testCase) => testCase.expect === 'block' && inferKind(testCase.observation) === 'page',
  );
  return TRANSPORTS.filter((transport) => PAGE_REWRITES.has(transport.id)).flatMap((transport) => {
    const carried = pages.flatMap((testCase) => {
      const text = transport.apply(testCase);
      return text === null ? [] : [{ plain: pastedText(testCase), text }];
    });
    if (carried.length === 0) return [];
    return [
      {
        transport,
        pages: carried.length,
        plainPasses: carried.filter((entry) => mightMatter(entry.plain)).length,
        carriedPasses: carried.filter((entry) => mightMatter(entry.text)).length,
      },
    ];
  });
}
