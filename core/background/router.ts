/**
 * The background's handler for every message in ProtocolMap, as plain async functions of
 * (untrusted input, sender). Each validates its input with the protocol's valibot schema and
 * its sender before acting; none throws for bad input.
 */
import * as v from 'valibot';
import type { ReachabilityReport } from '../catalog/reachability';
import { unknownReachabilityReport } from '../catalog/reachability';
import type {
  ExitJudgement,
  MigrationSnippetsAnswer,
  SuggestionsAnswer,
  ToolConfigsAnswer,
} from '../catalog/way-forward-answers';
import type { DataStatusAnswer, DataUpdateAnswer } from '../data-updates/channel';
import type { Observation } from '../detection/observation';
import type { EventLog } from '../log/event-log';
import { logToCsv, logToJson } from '../log/export';
import type { TabStates } from '../log/tab-states';
import {
  EmptyInput,
  ExportLogInput,
  GuessRegionInput,
  HostWatchInput,
  hasForbiddenKey,
  JudgeExitCountryInput,
  LogQuery,
  MigrationSnippetsInput,
  type ProtocolMap,
  ReportObservationInput,
  ServiceInput,
  SuggestionsInput,
  TabIdInput,
  ToolConfigsInput,
} from '../messaging/protocol';
import type { RateLimiter } from '../messaging/rate-limit';
import {
  checkExtensionPage,
  checkPageSender,
  type MessageSender,
  type SenderDeps,
} from '../messaging/sender';
import type { ExitCheckAnswer } from '../regions/exit-check';
import { regionFromEvidence } from '../regions/refusal-regions';
import type { GrantedHosts } from './granted-hosts';
import type { Observe } from './observe';

export interface RouterDeps {
  /** Classifies a content script's report and records a block (./observe). */
  observe: Observe;
  log: EventLog;
  tabs: TabStates;
  sender: SenderDeps;
  limiter: RateLimiter;
  hosts: GrantedHosts;
  now?: () => number;
  checkReachability?: (service: string) => Promise<ReachabilityReport>;
  /** Signed data updates (core/data-updates); absent: refused as unavailable. */
  data?: {
    status: () => Promise<DataStatusAnswer>;
    update: () => Promise<DataUpdateAnswer>;
    setWeekly: (weekly: boolean) => Promise<DataStatusAnswer>;
  };
  /** The latest exit-country answer for a tab's URL (core/regions/exit-check). */
  exitAnswer?: (url: string | null) => Promise<ExitCheckAnswer | null>;
  /**
   * The popup's way forward from the catalog the background holds (core/catalog/way-forward-answers),
   * so the popup never bundles it. Absent: those requests are refused as `unavailable`.
   */
  wayForward?: WayForward;
}

export interface WayForward {
  suggestions(input: SuggestionsInput, now: number): SuggestionsAnswer | Promise<SuggestionsAnswer>;
  /** Null for a platform the catalog does not have. */
  snippets(
    input: MigrationSnippetsInput,
  ): MigrationSnippetsAnswer | null | Promise<MigrationSnippetsAnswer | null>;
  /** Null for a platform the catalog does not have. */
  toolConfigs(input: ToolConfigsInput): ToolConfigsAnswer | null | Promise<ToolConfigsAnswer | null>;
  judgeExitCountry(
    input: { service: string; product?: string; country: string | null },
    now: number,
  ): ExitJudgement | null | Promise<ExitJudgement | null>;
  guessRegion(input: { uiLanguage: string; timeZone: string }): string | null;
}

export type Router = {
  [K in keyof ProtocolMap]: (input: unknown, sender?: MessageSender) => Promise<ReturnType<ProtocolMap[K]>>;
};

/** Thrown to the caller (the messaging library serialises it): a request the UI should not make. */
export class RefusedRequest extends Error {
  constructor(readonly reason: string) {
    super(`refused: ${reason}`);
  }
}

export function createRouter(deps: RouterDeps): Router {
  const now = deps.now ?? Date.now;

  const fromExtensionPage = (sender: MessageSender | undefined) => {
    const check = checkExtensionPage(sender, deps.sender);
    if (!check.ok) throw new RefusedRequest(check.reason);
  };
  const parse = <S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> => {
    if (hasForbiddenKey(input)) throw new RefusedRequest('invalidInput: forbidden key');
    const r = v.safeParse(schema, input);
    if (!r.success) throw new RefusedRequest(`invalidInput: ${v.summarize(r.issues).slice(0, 200)}`);
    return r.output;
  };
  /** A way-forward request: from our pages, valid, and refused as `unavailable` without the catalog. */
  const wayForwardRequest = <S extends v.GenericSchema>(
    sender: MessageSender | undefined,
    schema: S,
    input: unknown,
  ): { query: v.InferOutput<S>; wayForward: WayForward } => {
    fromExtensionPage(sender);
    const query = parse(schema, input);
    if (!deps.wayForward) throw new RefusedRequest('unavailable');
    return { query, wayForward: deps.wayForward };
  };

  return {
    async reportObservation(input, sender) {
      await deps.hosts.ready;
      const who = checkPageSender(sender, deps.sender);
      if (!who.ok) return { accepted: false, reason: who.reason };
      // Before any parsing: a flood costs one map lookup per message.
      if (!deps.limiter.take(who.tabId, now())) return { accepted: false, reason: 'rateLimited' };
      const parsed = v.safeParse(ReportObservationInput, input);
      if (!parsed.success || hasForbiddenKey(input)) return { accepted: false, reason: 'invalidInput' };
      const { channel, observation } = parsed.output;

      let obs: Observation;
      let owner = { service: who.service, product: who.product };
      if (channel === 'page-text') {
        // The page's own URL comes from the browser, never from the message.
        obs = { kind: 'page', url: who.pageUrl, body: observation.body ?? '' };
      } else if (channel === 'fetch-tap') {
        const target = observation.url;
        const targetOwner = target ? deps.sender.productOf(target) : null;
        if (!target || !targetOwner || targetOwner.service !== who.service) {
          return { accepted: false, reason: 'urlNotOnService' };
        }
        owner = targetOwner;
        obs = {
          kind: 'response',
          url: target,
          status: observation.status,
          headers: observation.headers,
          body: observation.body ?? '',
        };
      } else {
        // Navigations are seen by the background itself; a page cannot report one.
        return { accepted: false, reason: 'channelNotAllowed' };
      }

      const result = await deps.observe(obs, {
        kind: channel === 'page-text' ? 'page' : 'response',
        url: who.pageUrl,
        tabId: who.tabId,
        tabUrl: who.pageUrl,
        owner,
      });
      if (!result.recorded) return { accepted: false, reason: result.reason };
      return { accepted: true, eventId: result.event.id };
    },

    async getTabState(input, sender) {
      fromExtensionPage(sender);
      const { tabId } = parse(TabIdInput, input);
      const state = await deps.tabs.get(tabId);
      if (!deps.exitAnswer) return state;
      let exitCheck: ExitCheckAnswer | null = null;
      try {
        exitCheck = await deps.exitAnswer(state.url);
      } catch (err) {
        // The tab's events still answer; the exit line is only left out.
        console.warn(`[detour] exit-country answer unavailable (${String(err)})`);
      }
      return { ...state, exitCheck };
    },

    async queryLog(input, sender) {
      fromExtensionPage(sender);
      const q = parse(LogQuery, input);
      let ids: Set<string> | undefined;
      if (q.tabId !== undefined) ids = new Set((await deps.tabs.get(q.tabId)).events.map((e) => e.id));
      return deps.log.query(
        { service: q.service, since: q.since, until: q.until, search: q.search, kinds: q.kinds, ids },
        q.offset,
        q.limit,
      );
    },

    async exportLog(input, sender) {
      fromExtensionPage(sender);
      const { format } = parse(ExportLogInput, input);
      const events = await deps.log.all();
      return format === 'csv' ? logToCsv(events, now()) : logToJson(events, now());
    },

    async clearLog(input, sender) {
      fromExtensionPage(sender);
      parse(EmptyInput, input);
      return { cleared: await deps.log.clear() };
    },

    async checkReachability(input, sender) {
      fromExtensionPage(sender);
      const { service } = parse(ServiceInput, input);
      if (!deps.checkReachability) {
        return unknownReachabilityReport({ service, checkedAt: now(), reason: 'checkUnavailable' });
      }
      return deps.checkReachability(service);
    },

    async dataStatus(input, sender) {
      fromExtensionPage(sender);
      parse(EmptyInput, input);
      if (!deps.data) throw new RefusedRequest('unavailable');
      return deps.data.status();
    },

    async updateData(input, sender) {
      fromExtensionPage(sender);
      // Strict: the mirrors are fixed at build time; a message can never name one.
      parse(v.strictObject({}), input);
      if (!deps.data) throw new RefusedRequest('unavailable');
      return deps.data.update();
    },

    async setDataWeekly(input, sender) {
      fromExtensionPage(sender);
      const { weekly } = parse(v.strictObject({ weekly: v.boolean() }), input);
      if (!deps.data) throw new RefusedRequest('unavailable');
      return deps.data.setWeekly(weekly);
    },

    async watchGrantedHost(input, sender) {
      fromExtensionPage(sender);
      return deps.hosts.watch(parse(HostWatchInput, input));
    },

    async unwatchGrantedHost(input, sender) {
      fromExtensionPage(sender);
      const { origin } = parse(v.object({ origin: v.pipe(v.string(), v.maxLength(300)) }), input);
      return deps.hosts.unwatch(origin);
    },

    async getSuggestions(input, sender) {
      const { query, wayForward } = wayForwardRequest(sender, SuggestionsInput, input);
      return wayForward.suggestions(query, now());
    },

    async getMigrationSnippets(input, sender) {
      const { query, wayForward } = wayForwardRequest(sender, MigrationSnippetsInput, input);
      const answer = await wayForward.snippets(query);
      if (!answer) throw new RefusedRequest(`unknownPlatform: ${query.platformId}`);
      return answer;
    },

    async getToolConfigs(input, sender) {
      const { query, wayForward } = wayForwardRequest(sender, ToolConfigsInput, input);
      const answer = await wayForward.toolConfigs(query);
      if (!answer) throw new RefusedRequest(`unknownPlatform: ${query.platformId}`);
      return answer;
    },

    async judgeExitCountry(input, sender) {
      const { query, wayForward } = wayForwardRequest(sender, JudgeExitCountryInput, input);
      return wayForward.judgeExitCountry(query, now());
    },

    async guessRegion(input, sender) {
      const { query, wayForward } = wayForwardRequest(sender, GuessRegionInput, input);
      const evidence = regionFromEvidence({
        refusedBy: query.refusedBy ?? null,
        unreachableServices: query.unreachableServices ?? [],
        guessed: wayForward.guessRegion(query),
        notIn: query.notIn ?? [],
      });
      return evidence.ask
        ? { region: evidence.region, ask: { source: evidence.source, candidates: evidence.candidates } }
        : { region: evidence.region };
    },

    async listGrantedHosts(input, sender) {
      fromExtensionPage(sender);
      parse(EmptyInput, input);
      await deps.hosts.ready;
      return deps.hosts.list();
    },
  };
}
