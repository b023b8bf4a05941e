/**
 * How the refusal recogniser reads a body: as the short visible text a person would read, in
 * one canonical form, so that the phrase lists can stay small and per language.
 *
 * - Markup: `<script>`/`<style>` contents dropped, tags become spaces (an inline tag between two
 *   Chinese or Japanese characters becomes nothing), entities decoded; the `<title>` is kept apart
 *   (a block page may say what it is only there).
 * - Escaping: JSON string escapes are undone up to three levels deep (`\"`, `\\n`, `\\u4e0d`),
 *   because gateways, SDKs and logs wrap an upstream error inside their own error string.
 * - Characters: NFKC (full-width letters and digits become ASCII), lower case, curly quotes
 *   straight, dashes to `-`, zero-width characters and trade mark signs removed, runs of space
 *   collapsed.
 * - Chinese: Traditional characters that occur in refusals are folded to Simplified
 *   (`國家/地區` reads as `国家/地区`), so one list serves zh-Hans and zh-Hant.
 * - Arabic script: Persian and Arabic text write the same word with different code points,
 *   so one reading serves both: tatweel and vowel marks dropped, yeh, kaf, teh marbuta and the
 *   hamza-carrying alefs folded to one form each, Arabic-Indic digits to ASCII. Persian's
 *   zero-width non-joiner (`نمی‌شود`) is an invisible character like any other and goes too.
 * - Cyrillic: Russian writes ё as е as often as not (`запрещён`, `запрещен`), so ё reads as е.
 *
 * Owns: the reading. Must not: decide anything (that is recogniser.ts).
 */

/** Traditional → Simplified, only the characters that occur in refusal, location and guard words. */
const TRADITIONAL_TO_SIMPLIFIED: Readonly<Record<string, string>> = {
  國: '国',
  區: '区',
  務: '务',
  無: '无',
  開: '开',
  應: '应',
  於: '于',
  當: '当',
  該: '该',
  這: '这',
  個: '个',
  為: '为',
  與: '与',
  從: '从',
  來: '来',
  們: '们',
  時: '时',
  嗎: '吗',
  譯: '译',
  過: '过',
  說: '说',
  發: '发',
  現: '现',
  戶: '户',
  帳: '账',
  號: '号',
  錯: '错',
  誤: '误',
  碼: '码',
  請: '请',
  訪: '访',
  問: '问',
  暫: '暂',
  蓋: '盖',
  內: '内',
  處: '处',
  對: '对',
  圍: '围',
  範: '范',
  臺: '台',
  灣: '湾',
  體: '体',
  達: '达',
  後: '后',
  權: '权',
  額: '额',
  餘: '余',
  費: '费',
  單: '单',
  價: '价',
  驗: '验',
  證: '证',
  實: '实',
  執: '执',
  違: '违',
  規: '规',
  頻: '频',
  試: '试',
  遲: '迟',
  載: '载',
  僅: '仅',
  遺: '遗',
  報: '报',
  項: '项',
  選: '选',
  擇: '择',
  點: '点',
  數: '数',
  參: '参',
  據: '据',
  儲: '储',
  節: '节',
  產: '产',
  線: '线',
  網: '网',
  絡: '络',
  連: '连',
  續: '续',
  將: '将',
  會: '会',
  員: '员',
  級: '级',
  歡: '欢',
  異: '异',
  動: '动',
  態: '态',
  壞: '坏',
  鎖: '锁',
  凍: '冻',
  結: '结',
  閉: '闭',
  關: '关',
  機: '机',
  構: '构',
  組: '组',
  織: '织',
  陸: '陆',
  門: '门',
  適: '适',
  氣: '气',
  類: '类',
};

const ENTITIES: Readonly<Record<string, string>> = {
  apos: "'",
  nbsp: ' ',
  rsquo: "'",
  lsquo: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const ESCAPE = /\\(u[0-9a-fA-F]{4}|["\\/bfnrt'])/g;
const ESCAPED_CHAR: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  "'": "'",
  b: ' ',
  f: ' ',
  n: '\n',
  r: '\n',
  t: ' ',
};

/** Undoes one level of JSON string escaping per pass, up to three levels (a body inside a log inside an envelope). */
function unescapeJsonStrings(text: string): string {
  let current = text;
  for (let level = 0; level < 3 && current.includes('\\'); level++) {
    const next = current.replace(ESCAPE, (_whole, code: string) =>
      code[0] === 'u' ? String.fromCharCode(Number.parseInt(code.slice(1), 16)) : (ESCAPED_CHAR[code] ?? ' '),
    );
    if (next === current) break;
    current = next;
  }
  return current;
}

const TRADE_MARKS = /[\u2122\u2120\u00ae]/g;

const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u061c\u180e]|\u034f/g;

/**
 * Marks a reader of Arabic script skips: tatweel (ـ, stretches a word for layout), the short-vowel
 * and shadda marks (harakat, written in some text and left out of most) and Quranic annotation
 * signs. The letters they sit on stay, so `عذرًا` and `عذرا`, `مـنطقة` and `منطقة` read the same.
 */
const ARABIC_MARKS = /[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g;

/** Text as a person reads it: NFKC, invisible characters gone, quotes and spaces in one form. Case and script kept. */
export function displayText(text: string): string {
  return (
    text
      // A trade mark sign is not part of the name it follows ('Google Gemini™ API'): NFKC would
      // make it letters ('GeminiTM') and hide the name.
      .replace(TRADE_MARKS, '')
      .normalize('NFKC')
      .replace(INVISIBLE, '')
      .replace(ARABIC_MARKS, '')
      .replace(/[\u2018\u2019\u02bc\u2032\u0060\u00b4]/g, "'")
      .replace(/[\u201c\u201d\u201e\u2033\u00ab\u00bb]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      // A terminal UI draws a box around its message and wraps it inside ('…available in your │\n│
      // location.'): the box is not part of the words, and a wrapped line is not a sentence's end.
      .replace(/[\u2500-\u257f]/g, ' ')
      .replace(/[\t\f\v \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
      // A blank line ends a paragraph, which the recogniser reads as the end of a sentence too.
      .replace(/ *[\r\n]+[ \r\n]*/g, (run) => (/\n[ \r]*\n|\r[ ]*\r/.test(run) ? '\n\n' : '\n'))
      .trim()
  );
}

/**
 * Arabic-script letters that Persian and Arabic text (and Arabic and Persian keyboards) write in
 * different code points, each folded to one, character for character: Arabic yeh and alef maksura
 * to Persian yeh (ی), Arabic kaf to Persian keheh (ک), teh marbuta and heh with yeh above to heh
 * (informal Arabic writes `المنطقه` for `المنطقة`, Persian `منطقهٔ` as `منطقۀ`), the alefs that
 * carry a hamza or madda to bare alef (most text leaves the hamza out), and Arabic-Indic and
 * Persian digits to ASCII (`۴۵۱` is 451).
 */
const ARABIC_SCRIPT_FOLDS: Readonly<Record<string, string>> = {
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
  ة: 'ه',
  ۀ: 'ه',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ...Object.fromEntries(
    Array.from({ length: 10 }, (_, digit) => [
      [String.fromCharCode(0x660 + digit), String(digit)],
      [String.fromCharCode(0x6f0 + digit), String(digit)],
    ]).flat(),
  ),
};

/** Russian ё, which most text writes as е: one letter for one letter. */
const CYRILLIC_FOLDS: Readonly<Record<string, string>> = { ё: 'е' };

/** Lower case, Traditional Chinese folded to Simplified, Arabic-script variants and ё to one form. Keeps the length in all but rare cases (İ). */
const FOLDED = { ...TRADITIONAL_TO_SIMPLIFIED, ...ARABIC_SCRIPT_FOLDS, ...CYRILLIC_FOLDS };
const FOLDABLE = new RegExp(`[${Object.keys(FOLDED).join('')}]`, 'g');
/** Traditional characters alone: the transport unwrapping folds only these, not Arabic-script forms. */
const TRADITIONAL = new RegExp(`[${Object.keys(TRADITIONAL_TO_SIMPLIFIED).join('')}]`, 'g');

function fold(text: string): string {
  return text.toLowerCase().replace(FOLDABLE, (char) => FOLDED[char] ?? char);
}

/** The canonical form of a piece of text (no markup handling): what the phrase lists are matched on. */
export function canonicalText(text: string): string {
  return fold(displayText(text));
}

const BLOCK_OPEN = /<!--|<(script|style|noscript|template)\b/gi;

/**
 * Scripts written without spaces between words. An inline tag between two of their characters
 * ('仅在<link>某些地区</link>提供', as an app's localisation file marks a link) renders as nothing,
 * so it is dropped rather than read as a space that would split the words around it.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Removes comments and script/style/template elements with one forward scan (no backtracking). */
function dropBlocks(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let at = 0;
  BLOCK_OPEN.lastIndex = 0;
  for (let open = BLOCK_OPEN.exec(html); open; open = BLOCK_OPEN.exec(html)) {
    out += `${html.slice(at, open.index)} `;
    const closer = open[1] ? `</${open[1].toLowerCase()}` : '-->';
    const close = lower.indexOf(closer, open.index + open[0].length);
    if (close < 0) return out;
    const end = html.indexOf('>', close);
    at = end < 0 ? html.length : end + 1;
    BLOCK_OPEN.lastIndex = at;
  }
  return out + html.slice(at);
}

export interface ReadableText {
  /** The visible text, canonical. */
  text: string;
  /** The same text as the page wrote it (case and script kept), aligned with `text` when `aligned`. */
  display: string;
  aligned: boolean;
  /** The page title, canonical, or '' when there is none. */
  title: string;
}

/**
 * The visible text of at most `limit` characters of `raw`, and its title. Linear in the input:
 * each step is one regular-expression pass without backtracking over the bounded prefix.
 */
export function readableText(raw: string, limit: number): ReadableText {
  const prefix = raw.length > limit ? raw.slice(0, limit) : raw;
  const titleMatch = /<title[^>]{0,200}>([^<]{0,400})<\/title>/i.exec(prefix);
  const title = titleMatch ? canonicalText(decodeEntities(titleMatch[1] as string)) : '';
  const looksLikeMarkup = /<[a-z!/][^>]{0,2000}>/i.test(prefix);
  let text = prefix;
  if (looksLikeMarkup) {
    text = dropBlocks(text)
      .replace(/<title[^>]{0,200}>[^<]{0,400}<\/title>/gi, ' ')
      .replace(/<\/?(p|div|br|li|h[1-6]|tr|section|article|header|footer|main|span|button|a)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, (tag: string, at: number, whole: string) =>
        UNSPACED.test(whole[at - 1] ?? '') && UNSPACED.test(whole[at + tag.length] ?? '') ? '' : ' ',
      );
  }
  const display = displayText(unescapeJsonStrings(decodeEntities(text)));
  const canonical = fold(display);
  return { text: canonical, display, aligned: canonical.length === display.length, title };
}

// ---------------------------------------------------------------------------------------------
// Transport unwrapping: the body as it was before relays and editors rewrote it.
// ---------------------------------------------------------------------------------------------

/**
 * Characters that mark a rewritten body: a backslash escape, full-width forms, typographic
 * quotes, a Python dict, a relay's request id, a string Node's console split over lines.
 */
const TRANSPORT_MARKS = /\\|[\uff01-\uff5e\u3000\u2018\u2019\u201c\u201d]|\{'|\(request id: |['`] \+\r?\n/;
/**
 * Where Node's console splits a long string it prints at its line breaks (`responseBody: '{\n' +`
 * then `'  "error": …` on the next line; a piece holding a ' is quoted with backticks), as the AI
 * SDKs' logged errors show a response body: the pieces joined again.
 */
const NODE_STRING_SPLIT = /['`] \+\r?\n[ \t]*['`]/g;
/**
 * The request id one-api and new-api append to a relayed upstream message ("Country, region, or
 * territory not supported (request id: 2024072510422562564674066306279)"; seen in
 * https://github.com/songquanpeng/one-api/issues/1692).
 */
const RELAY_REQUEST_ID = / ?\(request id: [0-9A-Za-z-]{1,64}\)/g;
/** One token of a Python repr: a single- or double-quoted string, or None/True/False. */
const PYTHON_TOKEN = /'((?:[^'\\\n]|\\.)*)'|"(?:[^"\\\n]|\\.)*"|\b(None|True|False)\b/g;
const PYTHON_CONSTANT: Readonly<Record<string, string>> = { None: 'null', True: 'true', False: 'false' };

/**
 * An error body printed by Python (`Error code: 403 - {'error': {'code': '…', 'param': None}}`,
 * as the OpenAI SDK and LiteLLM print it) written back as JSON, from its first `{'` to the last
 * `}` of that line; the rest of the text is kept as it is.
 */
function pythonReprAsJson(text: string): string {
  const start = text.indexOf("{'");
  if (start < 0) return text;
  const lineEnd = text.indexOf('\n', start);
  const end = text.lastIndexOf('}', lineEnd < 0 ? text.length : lineEnd);
  if (end <= start) return text;
  const json = text
    .slice(start, end + 1)
    .replace(PYTHON_TOKEN, (whole, single?: string, constant?: string) => {
      if (constant !== undefined) return PYTHON_CONSTANT[constant] ?? whole;
      if (single === undefined) return whole;
      return `"${single.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`;
    });
  return text.slice(0, start) + json + text.slice(end + 1);
}

/** Full-width forms and the ideographic space, as a Chinese or Japanese input method types Latin text. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;

function halfWidth(char: string): string {
  return char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0);
}

/**
 * A body with the rewriting of the ways it travelled undone, for matching signature phrases:
 * JSON string escapes (up to three levels: `\"`, `\\\"`, `\u4e0d`), full-width forms, curly
 * quotes, Traditional characters folded to Simplified, a Python-printed error body written back
 * as JSON, a string Node's console split over lines joined again, and a relay's request id taken
 * off the message. Case and everything else are kept.
 * Returns the body itself when none of that is in it. Linear: a few passes without backtracking.
 */
export function unwrappedTransport(body: string): string {
  const hasTraditional = TRADITIONAL.test(body);
  TRADITIONAL.lastIndex = 0;
  if (!TRANSPORT_MARKS.test(body) && !hasTraditional) return body;
  const joined = body.replace(NODE_STRING_SPLIT, '');
  let text = joined.includes('\\') ? unescapeJsonStrings(joined) : joined;
  text = text
    .replace(FULL_WIDTH, halfWidth)
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
  if (hasTraditional) text = text.replace(TRADITIONAL, (char) => TRADITIONAL_TO_SIMPLIFIED[char] ?? char);
  return pythonReprAsJson(text).replace(RELAY_REQUEST_ID, '');
}
