/**
 * "Check now": asks a service's own endpoints whether it answers from here, and its own
 * Cloudflare trace where the connection leaves from. User-triggered only (the background calls it
 * on request); never sends cookies or credentials (`credentials: 'omit'`), never asks a third party.
 * Answers are classified by the engine (`classifyObservation`); anything it cannot decide is
 * "unknown" with a reason key, never a guess.
 */
import { classifyObservation } from '../detection';
import type { Observation, Verdict } from '../detection/observation';
import { boundedFetch, type FetchLike } from '../net/bounded-fetch';
import { alpha3ToAlpha2, isAssignedCountryCode } from '../regions/countries';
import { parseCloudflare1009Country, parseTrace } from '../regions/trace';
import { PROBES, type Probe, type ServiceProbes } from './probes';

export type { FetchLike } from '../net/bounded-fetch';

export interface ReachabilityDeps {
  fetch: FetchLike;
  now?: () => number;
  timeoutMs?: number;
  /** Bodies are read up to this many bytes; enough for the markers, bounded for huge pages. */
  maxBodyBytes?: number;
  probes?: Record<string, ServiceProbes>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const EVIDENCE_MAX = 300;

export interface Fetched {
  url: string;
  redirected: boolean;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type FetchOutcome =
  | { ok: true; res: Fetched }
  | { ok: false; reason: 'checkTimeout' | 'checkNetworkError' };

/** Why a check could not decide, as a message key in every locale. */
export type UnknownReason =
  | Extract<FetchOutcome, { ok: false }>['reason']
  | 'checkUnexpectedAnswer'
  | 'checkNoProbe'
  | 'checkUnavailable';

/** Result of a user-triggered "Check now". */
export interface ReachabilityReport {
  service: string;
  checkedAt: number;
  status: 'reachable' | 'blocked' | 'unknown';
  ruleId: string | null;
  evidence: string;
  /** ISO 3166-1 alpha-2 from the service's own /cdn-cgi/trace, or null when unknown. */
  exitCountry: string | null;
  /** Why the result is unknown, as a message key (e.g. `checkTimeout`, `checkNetworkError`). */
  reason: string | null;
}

/**
 * The report of a check that could not decide: no verdict, no rule, no evidence, only the reason.
 * The one place such a report is built, for the check itself and for a background without one.
 */
export function unknownReachabilityReport(input: {
  service: string;
  checkedAt: number;
  reason: UnknownReason;
  exitCountry?: string | null;
}): ReachabilityReport {
  return {
    service: input.service,
    checkedAt: input.checkedAt,
    status: 'unknown',
    ruleId: null,
    evidence: '',
    exitCountry: input.exitCountry ?? null,
    reason: input.reason,
  };
}

/**
 * One GET with no cookies or credentials, a timeout and a bounded body (core/net): the only way
 * Detour's checks ("Check now", the automatic exit-country check) touch the network.
 */
export async function request(
  url: string,
  headers: Record<string, string> | undefined,
  deps: Required<Pick<ReachabilityDeps, 'fetch' | 'timeoutMs' | 'maxBodyBytes'>>,
): Promise<FetchOutcome> {
  const result = await boundedFetch(url, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    maxBytes: deps.maxBodyBytes,
    headers,
    overLimit: 'truncate',
  });
  if (!result.ok)
    return { ok: false, reason: result.failure === 'timeout' ? 'checkTimeout' : 'checkNetworkError' };
  return { ok: true, res: result.response };
}

function regionFromHint(probe: Probe, body: string): string | null {
  if (probe.regionHint === 'gemini-alpha3') {
    const m = /,2,1,200,"([A-Z]{3})"/.exec(body);
    return m?.[1] ? alpha3ToAlpha2(m[1]) : null;
  }
  if (probe.regionHint === 'copilot-region-code') {
    const m = /"regionCode"\s*:\s*"([A-Za-z]{2})"/.exec(body);
    const code = m?.[1]?.toUpperCase();
    return code && isAssignedCountryCode(code) ? code : null;
  }
  return null;
}

function classify(probe: Probe, res: Fetched): Extract<Verdict, { verdict: 'block' }> | null {
  const observations: Observation[] = [
    { kind: 'response', url: res.url, status: res.status, headers: res.headers, body: res.body },
  ];
  if (res.redirected && res.url !== probe.url) {
    observations.push({ kind: 'navigation', url: res.url, from: probe.url });
  }
  for (const obs of observations) {
    const verdict = classifyObservation(obs);
    if (verdict.verdict === 'block') return verdict;
  }
  return null;
}

const statusOk = (probe: Probe, status: number) =>
  probe.okStatuses.some(([lo, hi]) => status >= lo && status <= hi);

export async function checkReachability(
  service: string,
  deps: ReachabilityDeps,
): Promise<ReachabilityReport> {
  const now = deps.now ?? Date.now;
  const resolved = {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
  const spec = (deps.probes ?? PROBES)[service];
  if (!spec || spec.probes.length === 0) {
    return unknownReachabilityReport({ service, checkedAt: now(), reason: 'checkNoProbe' });
  }

  const tracePromise = spec.traceHost
    ? request(`https://${spec.traceHost}/cdn-cgi/trace`, undefined, resolved)
    : Promise.resolve(null);
  const outcomes = await Promise.all(spec.probes.map((p) => request(p.url, p.headers, resolved)));
  const trace = await tracePromise;

  let exitCountry =
    trace?.ok && trace.res.status >= 200 && trace.res.status < 300 ? parseTrace(trace.res.body) : null;

  let blocked: Extract<Verdict, { verdict: 'block' }> | null = null;
  let unknownReason: UnknownReason | null = null;
  spec.probes.forEach((probe, i) => {
    const outcome = outcomes[i];
    if (!outcome) return;
    if (!outcome.ok) {
      unknownReason ??= outcome.reason;
      return;
    }
    const { res } = outcome;
    exitCountry ??= regionFromHint(probe, res.body) ?? parseCloudflare1009Country(res.body);
    const verdict = classify(probe, res);
    if (verdict) {
      blocked ??= verdict;
      if (verdict.country && isAssignedCountryCode(verdict.country)) exitCountry ??= verdict.country;
      return;
    }
    if (!statusOk(probe, res.status)) unknownReason ??= 'checkUnexpectedAnswer';
  });

  const base = { service, checkedAt: now(), exitCountry };
  if (blocked) {
    const b = blocked as Extract<Verdict, { verdict: 'block' }>;
    return {
      ...base,
      status: 'blocked',
      ruleId: b.ruleId,
      evidence: b.evidence.slice(0, EVIDENCE_MAX),
      reason: null,
    };
  }
  if (unknownReason) return unknownReachabilityReport({ ...base, reason: unknownReason });
  return { ...base, status: 'reachable', ruleId: null, evidence: '', reason: null };
}
