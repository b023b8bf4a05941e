/**
 * The automatic exit-country check, and the latest answer per service host.
 *
 * Off unless the user turned on "Check my connection when I open an AI service". When a tab
 * finishes loading a watched service's web app on a host that serves Cloudflare's trace, the
 * background asks THAT host for `/cdn-cgi/trace` (no cookies, 10 s, bounded body), at most once
 * per host per 30 minutes (ExitCheckScheduler), at once after a block or a network error there.
 * A tab opened while the host is not due reuses the latest answer, so it still gets its warning.
 * Answers are kept in storage.session (memory only) and judged with decideExitCountry when read,
 * so a newer region list applies to an older answer.
 *
 * Framework-free: storage and network come in as ports; the background wires them.
 */
import * as v from 'valibot';
import { type FetchLike, request } from '../catalog/reachability';
import type { ServiceProduct } from '../services';
import type { KeyValueArea } from '../storage/key-value-area';
import { ExitCheckScheduler, type ExitCheckState } from './exit-check-scheduler';
import { decideExitCountry, type ExitCountryResult, findRegionList, REGIONS } from './regions';
import type { RegionsData } from './schema';
import { parseTrace } from './trace';

/**
 * Web-app hosts known to answer `/cdn-cgi/trace` (they sit behind Cloudflare), from the hosts
 * public checkers query (reference/supported-regions.md, "Learning the exit country without
 * a third-party look-up"). Other hosts (gemini.google.com, copilot.microsoft.com) have no trace:
 * asking them would only send a useless request.
 */
export const TRACE_HOSTS: Readonly<Record<string, string>> = {
  'chatgpt.com': 'HsukqiLee/MediaUnlockTest ChatGPT.go; ipjudge check.sh',
  'chat.openai.com': 'missuo/OpenAI-Checker openai.sh',
  'claude.ai': 'HsukqiLee/MediaUnlockTest Claude.go; ipjudge check.sh',
  'grok.com': 'HsukqiLee/MediaUnlockTest Grok.go',
  'www.perplexity.ai': 'HsukqiLee/MediaUnlockTest Perplexity.go',
};

export const TRACE_TIMEOUT_MS = 10_000;
/** A trace is a few hundred bytes; parseTrace refuses anything over 16 KB, so read no more. */
const TRACE_MAX_BYTES = 16 * 1024 + 1;
/** Answers older than this are not shown as "the latest": the route has had time to change. */
export const EXIT_ANSWER_MAX_AGE_MS = 6 * 60 * 60 * 1000;

const STATE_KEY = 'exit.schedule';
const ANSWERS_KEY = 'exit.answers';
/** Bounds storage: a person uses a handful of services. */
const MAX_ANSWERS = 20;

const Failure = v.picklist(['checkTimeout', 'checkNetworkError', 'checkUnexpectedAnswer']);

/** What was learned from one host, before judging it against a list. */
export const ExitCheckRecord = v.object({
  host: v.pipe(v.string(), v.maxLength(253)),
  service: v.pipe(v.string(), v.maxLength(40)),
  product: v.pipe(v.string(), v.maxLength(40)),
  /**
   * ISO alpha-2 (or XK) from `loc=`, or Cloudflare's XX / T1 (kept so the popup can say "it
   * answered T1"; decideExitCountry calls them unknown). Null when the answer named nothing usable.
   */
  country: v.nullable(v.pipe(v.string(), v.regex(/^(?:[A-Z]{2}|T1)$/))),
  /** Why no country: the request failed or answered something else than a trace. */
  failure: v.nullable(Failure),
  checkedAt: v.number(),
  via: v.picklist(['open', 'checkNow']),
});
export type ExitCheckRecord = v.InferOutput<typeof ExitCheckRecord>;

const StoredState = v.object({
  lastChecked: v.record(v.string(), v.number()),
  troubled: v.array(v.string()),
});

export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Fetches `https://<host>/cdn-cgi/trace` and reads its country. Never throws. */
export async function fetchTrace(
  host: string,
  deps: { fetch: FetchLike; timeoutMs?: number },
): Promise<{ country: string | null; failure: ExitCheckRecord['failure'] }> {
  const outcome = await request(`https://${host}/cdn-cgi/trace`, undefined, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs ?? TRACE_TIMEOUT_MS,
    maxBodyBytes: TRACE_MAX_BYTES,
  });
  if (!outcome.ok) return { country: null, failure: outcome.reason };
  if (outcome.res.status < 200 || outcome.res.status > 299) {
    return { country: null, failure: 'checkUnexpectedAnswer' };
  }
  const body = outcome.res.body;
  return { country: parseTrace(body) ?? specialLoc(body), failure: null };
}

/** Cloudflare's "no country" (XX) and Tor (T1) in an otherwise well-formed trace. */
function specialLoc(body: string): string | null {
  if (body.length > 16 * 1024 || /<\s*(html|body|head|!doctype)/i.test(body)) return null;
  const locs = [...body.matchAll(/^loc=(.*)$/gm)].map((m) => (m[1] ?? '').trim());
  return locs.length === 1 && (locs[0] === 'XX' || locs[0] === 'T1') ? locs[0] : null;
}

/** The stored answer judged against the current list for `product` (the tab's own product). */
export function judge(
  record: ExitCheckRecord,
  match: ServiceProduct,
  now: number,
  data: RegionsData = REGIONS,
): ExitCheckAnswer {
  const result: ExitCountryResult = decideExitCountry({
    service: match.service,
    product: match.product,
    country: record.country,
    now,
    data,
  });
  return {
    host: record.host,
    service: match.service,
    product: match.product,
    country: record.country,
    decision: result.decision,
    reason: record.failure ?? result.reason ?? null,
    list: result.list,
    partial: result.partial ?? null,
    checkedAt: record.checkedAt,
    via: record.via,
  };
}

/**
 * Where the connection leaves from, as the service's own host said (`/cdn-cgi/trace`), judged
 * against the service's published list (core/regions decideExitCountry). Built here.
 */
export interface ExitCheckAnswer {
  /** The host that was asked (the service's own). */
  host: string;
  service: string;
  product: string;
  /** ISO 3166-1 alpha-2 (or XK); null when the answer named no usable country. */
  country: string | null;
  decision: 'served' | 'not-served' | 'unknown';
  /** Why unknown, as a message key (`exitNoCountry`, `exitSpecialCountry`, `checkTimeout`, …). */
  reason: string | null;
  /** The list judged against: its id, source URL, date, and whether it is over 12 months old. */
  list: { id: string; source: string; asOf: string; stale: boolean; confidence: 'normal' | 'low' } | null;
  /** The country is listed with a carve-out a country code cannot see (e.g. parts of Ukraine). */
  partial: string | null;
  checkedAt: number;
  /** What asked: the automatic check when a tab opened the service, or "Check now". */
  via: 'open' | 'checkNow';
}

export interface ExitCheckDeps {
  /** storage.session: answers and the scheduler's state survive a stopped service worker. */
  area: KeyValueArea;
  fetch: FetchLike;
  settings: () => Promise<{ exitCheckOnOpen: boolean }>;
  /** Known service of a URL (core/services, then granted hosts). */
  productOf: (url: string) => ServiceProduct | null;
  /** Whether the user watches this service (settings). */
  isWatched: (service: string) => Promise<boolean>;
  /** Called for a tab whose service does not serve the exit country: log a warning, set the badge. */
  onNotServed: (tab: { tabId: number; url: string }, answer: ExitCheckAnswer) => Promise<void>;
  now?: () => number;
  timeoutMs?: number;
  /** The region lists in use (a stored catalog update may replace the bundled ones). */
  regions?: () => RegionsData;
  warn?: (message: string) => void;
}

export type TabOpenOutcome = 'off' | 'notWatched' | 'noTrace' | 'noList' | 'checked' | 'reused' | 'notDue';

export class ExitChecks {
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  private scheduler: ExitCheckScheduler;
  private readonly inflight = new Map<string, Promise<ExitCheckRecord>>();
  private answers: Record<string, ExitCheckRecord> = {};
  private tail: Promise<unknown> = Promise.resolve();
  readonly ready: Promise<void>;

  constructor(private readonly deps: ExitCheckDeps) {
    this.now = deps.now ?? Date.now;
    this.warn = deps.warn ?? ((m) => console.warn(`[detour] ${m}`));
    this.scheduler = new ExitCheckScheduler(this.now);
    this.ready = this.restore();
  }

  private regions(): RegionsData {
    return this.deps.regions?.() ?? REGIONS;
  }

  private async restore(): Promise<void> {
    try {
      const stored = await this.deps.area.get([STATE_KEY, ANSWERS_KEY]);
      const state = v.safeParse(StoredState, stored[STATE_KEY]);
      if (state.success) this.scheduler = new ExitCheckScheduler(this.now, undefined, state.output);
      const answers = stored[ANSWERS_KEY];
      if (answers && typeof answers === 'object') {
        for (const [host, raw] of Object.entries(answers as Record<string, unknown>)) {
          const parsed = v.safeParse(ExitCheckRecord, raw);
          if (parsed.success && parsed.output.host === host) this.answers[host] = parsed.output;
        }
      }
    } catch (err) {
      this.warn(`exit-check state not restored (${String(err)})`);
    }
  }

  /**
   * A tab finished loading `url`. Checks its host when the setting is on, the host serves a
   * trace, there is a list to judge against and the host is due; else reuses the latest answer.
   */
  async tabOpened(tabId: number, url: string): Promise<TabOpenOutcome> {
    const settings = await this.deps.settings();
    if (!settings.exitCheckOnOpen) return 'off';
    const match = this.deps.productOf(url);
    const host = hostOf(url);
    if (!match || !host) return 'noTrace';
    if (!(await this.deps.isWatched(match.service))) return 'notWatched';
    if (!Object.hasOwn(TRACE_HOSTS, host)) return 'noTrace';
    // Without a published list the answer could only be "unknown": no request for nothing.
    if (!findRegionList(match.service, match.product, this.regions())) return 'noList';
    await this.ready;

    let record: ExitCheckRecord | null;
    let outcome: TabOpenOutcome;
    const running = this.inflight.get(host);
    if (running) {
      record = await running;
      outcome = 'reused';
    } else if (this.scheduler.isDue(host)) {
      // isDue and recordCheck with no await between them: two tabs opening at once make one request.
      this.scheduler.recordCheck(host);
      const check = this.check(host, match, 'open');
      this.inflight.set(host, check);
      try {
        record = await check;
      } finally {
        this.inflight.delete(host);
      }
      outcome = 'checked';
    } else {
      record = this.fresh(host);
      outcome = record ? 'reused' : 'notDue';
    }
    if (!record) return outcome;
    const answer = judge(record, match, this.now(), this.regions());
    if (answer.decision === 'not-served') {
      try {
        await this.deps.onNotServed({ tabId, url }, answer);
      } catch (err) {
        this.warn(`exit-country warning not recorded (${String(err)})`);
      }
    }
    return outcome;
  }

  private async check(host: string, match: ServiceProduct, via: ExitCheckRecord['via']) {
    await this.persistState();
    const traced = await fetchTrace(host, { fetch: this.deps.fetch, timeoutMs: this.deps.timeoutMs });
    // A failed check says the route may be changing: the next open may check again at once.
    if (traced.failure === 'checkNetworkError' || traced.failure === 'checkTimeout') {
      this.scheduler.recordTrouble(host);
    }
    const record: ExitCheckRecord = {
      host,
      service: match.service,
      product: match.product,
      country: traced.country,
      failure: traced.failure,
      checkedAt: this.now(),
      via,
    };
    await this.store(record);
    return record;
  }

  /** "Check now" learned the exit country from `host` (or found it failing): keep it as the latest. */
  async checkedNow(
    host: string,
    match: ServiceProduct,
    country: string | null,
    failure: ExitCheckRecord['failure'],
  ): Promise<void> {
    await this.ready;
    const h = host.toLowerCase();
    this.scheduler.recordCheck(h);
    if (failure === 'checkNetworkError' || failure === 'checkTimeout') this.scheduler.recordTrouble(h);
    const usable = country && /^(?:[A-Z]{2}|T1)$/.test(country) ? country : null;
    await this.store({
      host: h,
      service: match.service,
      product: match.product,
      country: usable,
      failure: usable ? null : failure,
      checkedAt: this.now(),
      via: 'checkNow',
    });
  }

  /** A block or a network error on `url`'s host: its next automatic check may run at once. */
  trouble(url: string | null | undefined): void {
    const host = hostOf(url);
    if (!host || !Object.hasOwn(TRACE_HOSTS, host)) return;
    this.scheduler.recordTrouble(host);
    void this.ready.then(() => this.persistState());
  }

  /**
   * The latest answer for a tab showing `url`, judged for the tab's product: its own host's,
   * else the newest from another host of the same service (e.g. platform.openai.com after
   * chatgpt.com was checked). Null when there is none within EXIT_ANSWER_MAX_AGE_MS.
   */
  async answerFor(url: string | null): Promise<ExitCheckAnswer | null> {
    if (!url) return null;
    const match = this.deps.productOf(url);
    if (!match) return null;
    await this.ready;
    const host = hostOf(url);
    const own = host ? this.fresh(host) : null;
    const record =
      own ??
      Object.values(this.answers)
        .filter((r) => r.service === match.service && this.isFresh(r))
        .sort((a, b) => b.checkedAt - a.checkedAt)[0] ??
      null;
    return record ? judge(record, match, this.now(), this.regions()) : null;
  }

  private isFresh(record: ExitCheckRecord): boolean {
    const age = this.now() - record.checkedAt;
    return age >= 0 && age <= EXIT_ANSWER_MAX_AGE_MS;
  }

  private fresh(host: string): ExitCheckRecord | null {
    const record = this.answers[host];
    return record && this.isFresh(record) ? record : null;
  }

  private store(record: ExitCheckRecord): Promise<void> {
    this.answers[record.host] = record;
    const kept = Object.values(this.answers)
      .sort((a, b) => b.checkedAt - a.checkedAt)
      .slice(0, MAX_ANSWERS);
    this.answers = Object.fromEntries(kept.map((r) => [r.host, r]));
    return this.write({ [ANSWERS_KEY]: this.answers, [STATE_KEY]: this.scheduler.toJSON() });
  }

  private persistState(): Promise<void> {
    return this.write({ [STATE_KEY]: this.scheduler.toJSON() });
  }

  /** One write at a time, in order; a failed write is logged, never thrown at a listener. */
  private write(items: Record<string, unknown>): Promise<void> {
    const run = this.tail.then(() => this.deps.area.set(items));
    this.tail = run.catch((err) => this.warn(`exit-check state not stored (${String(err)})`));
    return this.tail.then(() => undefined);
  }

  /** For tests: the scheduler's JSON state. */
  schedule(): ExitCheckState {
    return this.scheduler.toJSON();
  }
}
