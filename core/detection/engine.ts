/**
 * The detection engine: an Observation in, a Verdict out. Rules are data (rules/*.json); this
 * file compiles them once into one keyword automaton per observation kind and then, for each
 * observation, makes one pass over the body and checks the few rules whose keywords occurred.
 *
 * When no rule holds, the refusal recogniser (recogniser/) is asked whether the observation has
 * the shape of a region refusal anyway; its verdicts say so (`via: 'recogniser'`).
 *
 * Owns: kind inference, body caps, host gating, JSON/URL evidence, evidence excerpts.
 * Must not: touch the browser, storage or the network; hold per-observation state.
 */
import * as v from 'valibot';
import { findProduct, hostOf, type ProductMatch } from '../services';
import { compileKeywords, type KeywordAutomaton, type KeywordScan } from './keyword-automaton';
import type { Observation, ObservationKind, Verdict } from './observation';
import { unwrappedTransport } from './recogniser/normalise';
import { quotesARefusal, recogniseRefusal } from './recogniser/recogniser';
import { type JsonCondition, type Rule, RuleFile, type UrlPattern } from './rule-schema';

/** How much of a body is read. Error bodies are small; page text may be long but the banner is near the top. */
export const BODY_LIMITS: Readonly<Record<ObservationKind, number>> = {
  response: 256 * 1024,
  page: 1024 * 1024,
  navigation: 0,
  text: 1024 * 1024,
};
/** JSON bodies bigger than this are not parsed (region errors are tiny). */
const JSON_LIMIT = 64 * 1024;
export const EVIDENCE_LIMIT = 300;
/** Page text up to this long is one piece the content script sent, and is read for quotes as a whole. */
const QUOTE_PAGE_LIMIT = 16 * 1024;

export interface LoadedRule extends Rule {
  /** The service slug of the rule's file (`*` = the observed host's service). */
  service: string;
}

/** Validates and flattens rule files; throws with the file's service and the first problem. */
export function loadRules(files: readonly unknown[]): LoadedRule[] {
  const rules: LoadedRule[] = [];
  const ids = new Set<string>();
  for (const [index, file] of files.entries()) {
    const parsed = v.safeParse(RuleFile, file);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = issue ? v.getDotPath(issue) : null;
      throw new Error(`rule file ${index}: ${where ?? ''} ${issue?.message ?? 'invalid'}`.trim());
    }
    for (const rule of parsed.output.rules) {
      if (ids.has(rule.id)) throw new Error(`rule id "${rule.id}" is used twice`);
      ids.add(rule.id);
      rules.push({ ...rule, service: parsed.output.service });
    }
  }
  return rules;
}

interface CompiledRule {
  rule: LoadedRule;
  /** Keyword indices of `text` phrases (any one is evidence). */
  phrases: number[];
  /** Keyword indices of `alsoText` phrases (all required). */
  also: number[];
  /** Per JSON alternative, the keyword index that must occur before the body is parsed. */
  jsonAnchors: number[];
  country: RegExp | null;
}

interface KindMatcher {
  automaton: KeywordAutomaton;
  rules: CompiledRule[];
}

export interface CompiledRules {
  rules: readonly LoadedRule[];
  matcher(kind: ObservationKind): KindMatcher;
  /** The same rules with every keyword's spaces removed: for text that lost its spaces. */
  gluedMatcher(kind: ObservationKind): KindMatcher;
}

/** Strong rules first (they decide alone), then file order. */
function ruleOrder(a: LoadedRule, b: LoadedRule): number {
  return (a.strength === 'strong' ? 0 : 1) - (b.strength === 'strong' ? 0 : 1);
}

function anchorOf(conditions: JsonCondition[]): string {
  const values = conditions.map((condition) => String(condition.equals ?? condition.contains ?? ''));
  return values.reduce((longest, value) => (value.length > longest.length ? value : longest), '');
}

/** Compiles rules into one keyword automaton per kind, built on first use and kept. */
export function compileRules(rules: readonly LoadedRule[]): CompiledRules {
  const cache = new Map<string, KindMatcher>();
  function build(kind: ObservationKind, glued: boolean): KindMatcher {
    const applicable = rules
      .filter((rule) => rule.kinds.includes(kind) && (kind !== 'text' || rule.strength === 'strong'))
      .sort(ruleOrder);
    const keywords: string[] = [];
    const indexOf = (keyword: string) => {
      keywords.push(glued ? keyword.replace(/\s+/g, '') : keyword);
      return keywords.length - 1;
    };
    const compiled = applicable.map((rule) => ({
      rule,
      phrases: Object.values(rule.text ?? {}).flatMap((phrases) => (phrases ?? []).map(indexOf)),
      also: (rule.alsoText ?? []).map(indexOf),
      jsonAnchors: (rule.json ?? []).map((conditions) => indexOf(anchorOf(conditions))),
      country: rule.country ? new RegExp(rule.country) : null,
    }));
    return { automaton: compileKeywords(keywords), rules: compiled };
  }
  return {
    rules,
    matcher(kind) {
      let matcher = cache.get(kind);
      if (!matcher) {
        matcher = build(kind, false);
        cache.set(kind, matcher);
      }
      return matcher;
    },
    gluedMatcher(kind) {
      let matcher = cache.get(`${kind} glued`);
      if (!matcher) {
        matcher = build(kind, true);
        cache.set(`${kind} glued`, matcher);
      }
      return matcher;
    },
  };
}

export function inferKind(observation: Observation): ObservationKind {
  if (observation.kind) return observation.kind;
  if (observation.url === undefined) return 'text';
  if (observation.status !== undefined) return 'response';
  if (observation.body !== undefined) return 'page';
  return 'navigation';
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Plain text for people: tags dropped, common entities decoded, whitespace collapsed. */
export function plainExcerpt(raw: string, limit = EVIDENCE_LIMIT): string {
  const text = raw
    // A style sheet or a script is not what the page says; an excerpt may start inside one.
    .replace(/^(?:(?!<(?:script|style)\b)[\s\S])*?<\/(?:script|style)\s*>/i, ' ')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/<[^>]*$/, ' ')
    .replace(/^[^<]*>/, ' ')
    .replace(/&(rsquo|lsquo|#8217|#8216|apos|#39|#x27);/gi, "'")
    .replace(/&(quot|ldquo|rdquo|#34);/gi, '"')
    .replace(/&(nbsp|#160);/gi, ' ')
    .replace(/&(lt|gt);/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

interface Evidence {
  excerpt: string;
  /** Where in the body the evidence sits, for the country capture. */
  window: string;
}

function textEvidence(body: string, end: number, keyword: string): Evidence {
  const start = Math.max(0, end - keyword.length * 3 - 40);
  const window = body.slice(start, Math.min(body.length, end + 200));
  // Start the excerpt at the matched phrase when it can be found again in plain form.
  const plain = plainExcerpt(window, 4 * EVIDENCE_LIMIT);
  const at = plain.toLowerCase().indexOf(keyword.slice(0, 12));
  // A little context before the phrase, starting at a word boundary.
  let from = at > 60 ? at - 60 : 0;
  if (from > 0) from = plain.indexOf(' ', from) + 1;
  const excerpt = plainExcerpt(plain.slice(from));
  return { excerpt, window };
}

function jsonValues(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [value];
  if (Array.isArray(value)) return value.flatMap((item) => jsonValues(item, path));
  if (value === null || typeof value !== 'object') return [];
  const [head, ...rest] = path;
  return jsonValues((value as Record<string, unknown>)[head as string], rest);
}

/**
 * The values at a condition's path. A client that prints the error object alone
 * (`{"type":"forbidden","message":…}` under its own 'Error Output' heading) has dropped the
 * envelope's `error` key; such a root is read as the envelope's error.
 */
function conditionValues(json: unknown, path: readonly string[]): unknown[] {
  const values = jsonValues(json, path);
  if (values.length > 0 || path[0] !== 'error' || path.length < 2) return values;
  if (json === null || typeof json !== 'object' || Array.isArray(json) || 'error' in json) return values;
  return jsonValues(json, path.slice(1));
}

function conditionHolds(json: unknown, condition: JsonCondition): unknown {
  for (const value of conditionValues(json, condition.path.split('.'))) {
    if (condition.equals !== undefined && value === condition.equals) return value;
    if (
      condition.contains !== undefined &&
      typeof value === 'string' &&
      value.toLowerCase().includes(condition.contains.toLowerCase())
    ) {
      return value;
    }
  }
  return undefined;
}

function parseObject(text: string): unknown {
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first < 0 || last <= first || last - first > JSON_LIMIT) return undefined;
  try {
    return JSON.parse(text.slice(first, last + 1));
  } catch {
    return undefined;
  }
}

/** Most '{' tried as the start of an object that parses. */
const OBJECT_TRIES = 8;

/** Where the object opening at `start` closes: braces counted outside JSON strings; -1 if it does not. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  const end = Math.min(text.length, start + JSON_LIMIT);
  for (let at = start; at < end; at++) {
    const char = text[at];
    if (inString) {
      if (char === '\\') at++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return at;
  }
  return -1;
}

/**
 * The first object that parses when other braces surround it (a logged error printed as
 * `… at fn (file) {` then `responseBody: '{…}'` and `}`): each '{' in turn, closed by its own brace.
 */
function firstParsedObject(text: string): unknown {
  let start = -1;
  for (let tries = 0; tries < OBJECT_TRIES; tries++) {
    start = text.indexOf('{', start + 1);
    if (start < 0) return undefined;
    const end = closingBrace(text, start);
    // A brace that never closes is text cut off: an object inside it is not a whole body.
    if (end < 0) return undefined;
    try {
      return JSON.parse(text.slice(start, end + 1));
    } catch {
      // Not JSON (a stack frame's object, code): the next brace.
    }
  }
  return undefined;
}

/**
 * The JSON in a body: the whole body, else the object on the line where the anchor word was
 * found (`API Error: 403 {…}` in a log), else from the body's first '{' to its last '}', else the
 * first object in it that parses.
 */
function parseJsonBody(body: string, limit: number, anchorEnd: number): unknown {
  const text = body.length > limit ? body.slice(0, limit) : body;
  const lineStart = text.lastIndexOf('\n', anchorEnd) + 1;
  const lineEnd = text.indexOf('\n', anchorEnd);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  return (
    parseObject(text.trimStart().startsWith('{') ? text : line) ??
    parseObject(line) ??
    parseObject(text) ??
    firstParsedObject(text)
  );
}

function queryValueHolds(actual: string | null, expected: string): boolean {
  if (actual === null) return false;
  const value = actual.toLowerCase();
  const wanted = expected.toLowerCase();
  if (wanted.length > 2 && wanted.startsWith('*') && wanted.endsWith('*'))
    return value.includes(wanted.slice(1, -1));
  return value === wanted;
}

function urlHolds(pattern: UrlPattern, url: string, from: string | undefined): boolean {
  const host = hostOf(url);
  if (host === null || !pattern.hosts.includes(host)) return false;
  const parsed = new URL(url);
  if (pattern.pathSuffix && !parsed.pathname.replace(/\/+$/, '').endsWith(pattern.pathSuffix)) return false;
  if (pattern.pathPrefixes && !pattern.pathPrefixes.some((prefix) => parsed.pathname.startsWith(prefix))) {
    return false;
  }
  for (const [name, expected] of Object.entries(pattern.query ?? {})) {
    if (!queryValueHolds(parsed.searchParams.get(name), expected)) return false;
  }
  if (pattern.fromHosts) {
    const fromHost = from === undefined ? null : hostOf(from);
    if (fromHost === null || !pattern.fromHosts.includes(fromHost)) return false;
  }
  return true;
}

/** A URL shown as evidence: origin, path and only the query parameters the rule looked at. */
function urlExcerpt(url: string, pattern: UrlPattern): string {
  const parsed = new URL(url);
  const params = Object.keys(pattern.query ?? {})
    .map((name) => [name, parsed.searchParams.get(name)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== null)
    .map(([name, value]) => `${name}=${value}`);
  const shown = `${parsed.origin}${parsed.pathname}${params.length ? `?${params.join('&')}` : ''}`;
  return shown.length <= EVIDENCE_LIMIT ? shown : `${shown.slice(0, EVIDENCE_LIMIT - 1)}…`;
}

interface UrlCandidate {
  url: string;
  from: string | undefined;
}

function urlCandidates(kind: ObservationKind, observation: Observation): UrlCandidate[] {
  if (kind === 'text' || observation.url === undefined) return [];
  const candidates: UrlCandidate[] = [{ url: observation.url, from: observation.from }];
  const location = header(observation.headers, 'location');
  if (kind === 'response' && location && observation.status !== undefined && observation.status >= 300) {
    try {
      candidates.push({ url: new URL(location, observation.url).href, from: observation.url });
    } catch {
      // A Location that is not a URL is no evidence.
    }
  }
  return candidates;
}

/** Where a rule may speak, and for which service. Null when the observation's host rules it out. */
function gate(
  rule: LoadedRule,
  kind: ObservationKind,
  observation: Observation,
  host: ProductMatch | null,
): { service: string; product: string } | null {
  const named = (service: string) => ({
    service,
    product:
      rule.product === '*' || (rule.productFromHost && host?.service === service)
        ? (host?.product ?? rule.product)
        : rule.product,
  });
  if (kind === 'text') return rule.service === '*' ? null : named(rule.service);
  const onOwnHost = rule.service !== '*' && host?.service === rule.service;
  if (rule.hosts === 'known' || rule.service === '*') return host ? named(host.service) : null;
  if (rule.hosts === 'any') return named(host?.service ?? rule.service);
  if (onOwnHost) return named(rule.service);
  // Strong signatures also count in error responses from other hosts: gateways, proxies, SDK relays.
  const errorish = observation.status === undefined || observation.status >= 400;
  if (kind === 'response' && rule.strength === 'strong' && errorish) return named(rule.service);
  return null;
}

function statusAllows(rule: Rule, status: number | undefined): boolean {
  if (status === undefined) return !rule.statusRequired;
  return !rule.status || rule.status.includes(status);
}

function countryNear(compiled: CompiledRule, window: string): string | undefined {
  const code = compiled.country?.exec(window)?.[1];
  return code && /^[A-Z]{2}$/.test(code) ? code : undefined;
}

export function classifyWith(compiledRules: CompiledRules, observation: Observation): Verdict {
  const kind = inferKind(observation);
  const host = kind === 'text' || observation.url === undefined ? null : findProduct(observation.url);
  const clean: Verdict = {
    verdict: 'clean',
    service: host?.service ?? null,
    product: host?.product ?? null,
    ruleId: null,
    evidence: '',
  };
  // A Cloudflare challenge is a bot check that supported regions get too.
  if (kind !== 'text' && header(observation.headers, 'cf-mitigated')?.toLowerCase() === 'challenge')
    return clean;

  const body = kind === 'navigation' ? '' : (observation.body ?? '');
  // Pasted prose, code or news around a refusal's exact words quotes it: it is not a refusal, whichever rule knows the words.
  // A service's own page can quote one too: a chat answer explaining a refusal, a help article,
  // as the content script sends it (an element's text or a window of at most a few KB). A block
  // page is the refusal explaining itself and is read as it is; and a whole long page is not
  // vetoed by what its first part says, or a banner at its end would be lost.
  const quotable =
    kind === 'text' || (kind === 'page' && host?.role !== 'blockPage' && body.length <= QUOTE_PAGE_LIMIT);
  if (quotable && quotesARefusal(body)) return clean;
  const limit = Math.min(body.length, BODY_LIMITS[kind]);
  const signed = signatureVerdict(compiledRules, kind, observation, host, body, limit);
  if (signed) return signed;
  // A relayed or pasted error may have been escaped, retyped in full-width forms, given curly
  // quotes or Traditional characters on its way: signatures also read it with that undone.
  if (kind === 'text' || kind === 'response') {
    const read = limit < body.length ? body.slice(0, limit) : body;
    const unwrapped = unwrappedTransport(read);
    if (unwrapped !== read) {
      const again = signatureVerdict(compiledRules, kind, observation, host, unwrapped, unwrapped.length);
      if (again) return again;
    }
    // Pasted text that lost its spaces (transcribed from a screenshot or a PDF): the same
    // phrases, their spaces removed too.
    if (kind === 'text' && lostItsSpaces(unwrapped)) {
      const glued = unwrapped.replace(/[ \u00a0]+/g, '');
      const again = signatureVerdict(compiledRules, kind, observation, host, glued, glued.length, true);
      if (again) return again;
    }
  }
  return recognised(kind, observation, host, body, limit) ?? clean;
}

/** A run of Latin letters this long without a space is words run together. */
const GLUED_RUN = /[A-Za-z']{20}/;

/** Text whose words ran together: a long run of letters, and almost no spaces between its letters. */
function lostItsSpaces(text: string): boolean {
  if (!GLUED_RUN.test(text)) return false;
  const spaces = text.split(' ').length - 1;
  const letters = text.length - spaces;
  return spaces * 20 < letters;
}

/** The first signature rule that holds for `body` (already read up to `limit`), or null. */
function signatureVerdict(
  compiledRules: CompiledRules,
  kind: ObservationKind,
  observation: Observation,
  host: ProductMatch | null,
  body: string,
  limit: number,
  glued = false,
): Verdict | null {
  const matcher = glued ? compiledRules.gluedMatcher(kind) : compiledRules.matcher(kind);
  const empty: KeywordScan = {
    firstEnd: new Int32Array(matcher.automaton.keywords.length).fill(-1),
    found: 0,
  };
  const scan = limit > 0 ? matcher.automaton.scan(body, limit) : empty;
  const urls = urlCandidates(kind, observation);
  const parsedJson = new Map<number, unknown>();

  for (const compiled of matcher.rules) {
    const { rule } = compiled;
    if (!statusAllows(rule, observation.status)) continue;
    const named = gate(rule, kind, observation, host);
    if (!named) continue;
    const block = (evidence: string, country?: string): Verdict => ({
      verdict: 'block',
      service: named.service,
      product: named.product,
      ruleId: rule.id,
      evidence,
      ...(country ? { country } : {}),
      via: 'signature',
      confidence: 1,
      basis: rule.sources.slice(0, 4),
    });

    if (scan.found > 0 && compiled.also.every((index) => (scan.firstEnd[index] as number) >= 0)) {
      // Text: the earliest phrase that occurred.
      let best = -1;
      for (const index of compiled.phrases) {
        const end = scan.firstEnd[index] as number;
        if (end >= 0 && (best < 0 || end < (scan.firstEnd[best] as number))) best = index;
      }
      if (best >= 0) {
        const evidence = textEvidence(
          body,
          scan.firstEnd[best] as number,
          matcher.automaton.keywords[best] as string,
        );
        return block(evidence.excerpt, countryNear(compiled, evidence.window));
      }
      // JSON: parsed only when some alternative's anchor word occurred, once per anchor line.
      const anchorEnds = compiled.jsonAnchors
        .map((anchor) => scan.firstEnd[anchor] as number)
        .filter((end) => end >= 0);
      if (anchorEnds.length > 0) {
        const anchorEnd = Math.min(...anchorEnds);
        if (!parsedJson.has(anchorEnd)) parsedJson.set(anchorEnd, parseJsonBody(body, limit, anchorEnd));
        const json = parsedJson.get(anchorEnd);
        for (const [alternative, conditions] of (rule.json ?? []).entries()) {
          if ((scan.firstEnd[compiled.jsonAnchors[alternative] as number] as number) < 0) continue;
          const values = conditions.map((condition) => conditionHolds(json, condition));
          if (values.every((value) => value !== undefined)) {
            const shown = conditions.map(
              (condition, at) => `${condition.path}: ${JSON.stringify(values[at])}`,
            );
            return block(
              plainExcerpt(shown.join(', ')),
              countryNear(compiled, body.slice(0, anchorEnd + 200)),
            );
          }
        }
      }
    }
    for (const pattern of rule.url ?? []) {
      const candidate = urls.find(({ url, from }) => urlHolds(pattern, url, from));
      if (candidate) return block(urlExcerpt(candidate.url, pattern));
    }
  }
  return null;
}

/** No signature matched: does the observation have the shape of a region refusal anyway? */
function recognised(
  kind: ObservationKind,
  observation: Observation,
  host: ProductMatch | null,
  body: string,
  limit: number,
): Verdict | null {
  const recognition = recogniseRefusal({
    kind,
    host,
    body: body.length > limit ? body.slice(0, limit) : body,
    ...(observation.url !== undefined ? { url: observation.url } : {}),
    ...(observation.from !== undefined ? { from: observation.from } : {}),
    ...(observation.status !== undefined ? { status: observation.status } : {}),
    ...(observation.headers !== undefined ? { headers: observation.headers } : {}),
  });
  if (!recognition) return null;
  return {
    verdict: 'block',
    service: recognition.service,
    product: recognition.product,
    ruleId: `recognised-${recognition.lang.toLowerCase()}`,
    evidence: plainExcerpt(recognition.evidence),
    via: 'recogniser',
    confidence: recognition.confidence,
    basis: recognition.phrases,
  };
}
