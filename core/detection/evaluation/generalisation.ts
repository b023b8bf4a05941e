/**
 * How well detection generalises, measured on real cases rather than asserted:
 * - leave-one-service-out over the reference: each service's own signature rules are withheld
 *   and the rest of the engine (other services' rules, the any-service rules, the recogniser)
 *   must still recognise that service's refusals without a false alarm on any look-alike;
 * - recall and false alarms of the whole engine, per language and per observation kind;
 * - the same on the held-out set (core/detection/evaluation/refusals-holdout.json);
 * - how many refusals the engine recognises still reach it on a page, through the content
 *   script's keyword prefilter (`throughPrefilter`).
 * Used by `npm run eval` (tables) and generalisation.test.ts (the targets). Node-only.
 *
 * Owns: the measurement. Must not: change what the engine decides.
 */
import * as v from 'valibot';
import { matchingExcerpts } from '../../watch/page-text';
import { type CheckerGuess, checkerGuess } from '../checker-guess';
import { type CompiledRules, classifyWith, compileRules, inferKind, loadRules } from '../engine';
import type { Observation, Verdict } from '../observation';
import { RULE_FILES } from '../rules';
import { observationOf, type ReferenceSignature } from '../signature-observation';
import { CLEAN_BY_DESIGN, EXPECTED_SERVICE } from './reference-expectations';

export interface EvalCase {
  id: string;
  set: 'reference' | 'holdout' | 'blind';
  expect: 'block' | 'clean';
  /** Expected service slug (block cases). */
  service: string | null;
  lang: string;
  /** Held-out refusals: false when the text carries no sign of where the reader is (see HoldoutCase). */
  regionInText?: boolean;
  /** Held-out refusals: whose words the text carries the refusal in (see HoldoutCase). */
  wording?: Wording;
  observation: Observation;
}

const WORDINGS = ['shown', 'described'] as const;
export type Wording = (typeof WORDINGS)[number];

const HoldoutCase = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  expect: v.picklist(['block', 'clean']),
  service: v.nullable(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/))),
  lang: v.string(),
  kind: v.picklist(['response', 'page', 'navigation', 'text']),
  url: v.optional(v.string()),
  from: v.optional(v.string()),
  status: v.optional(v.number()),
  headers: v.optional(v.record(v.string(), v.string())),
  body: v.string(),
  // As the page gives it: a few stored pages were only ever served over http.
  source: v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//)),
  // "undated" when the source itself gives no date (a help page, a stored article without one).
  seen: v.union([v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)), v.literal('undated')]),
  usedForRules: v.boolean(),
  // Refusals only, where the collector said: does the text itself carry any sign of where the
  // reader is? An opaque error known to be a region refusal only from its thread carries none.
  regionInText: v.optional(v.boolean()),
  // Refusals only: 'shown' when the text holds what the software displayed (an error line, JSON, a
  // page's text, a quoted message), with or without the person's comment around it; 'described'
  // when it holds only the person's own account ('gemini страна не поддерживается', '显示地区不支持'
  // in a sentence about their setup). Labelled from the text alone, without the engine's verdicts.
  wording: v.optional(v.picklist(WORDINGS)),
  note: v.optional(v.string()),
});
export const HoldoutFile = v.object({ $comment: v.string(), cases: v.array(HoldoutCase) });
export type HoldoutFile = v.InferOutput<typeof HoldoutFile>;

/** Reference cases: every look-alike, and every refusal that is not clean by design. */
export function referenceCases(signatures: readonly ReferenceSignature[]): EvalCase[] {
  return signatures
    .filter((signature) => !(signature.id in CLEAN_BY_DESIGN))
    .map((signature) => ({
      id: signature.id,
      set: 'reference' as const,
      expect: signature.expect,
      service: signature.expect === 'block' ? (EXPECTED_SERVICE[signature.id]?.split('/')[0] ?? null) : null,
      lang: signature.lang,
      observation: observationOf(signature),
    }));
}

/** Held-out cases that were not used to write the phrase lists (`blind`: the set committed before any tuning it could inform). */
export function holdoutCases(file: HoldoutFile, set: 'holdout' | 'blind' = 'holdout'): EvalCase[] {
  return file.cases
    .filter((entry) => !entry.usedForRules)
    .map((entry) => ({
      id: entry.id,
      set,
      expect: entry.expect,
      service: entry.service,
      lang: entry.lang,
      ...(entry.regionInText !== undefined ? { regionInText: entry.regionInText } : {}),
      ...(entry.wording !== undefined ? { wording: entry.wording } : {}),
      observation: {
        id: entry.id,
        kind: entry.kind,
        body: entry.body,
        ...(entry.url !== undefined ? { url: entry.url } : {}),
        ...(entry.from !== undefined ? { from: entry.from } : {}),
        ...(entry.status !== undefined ? { status: entry.status } : {}),
        ...(entry.headers !== undefined ? { headers: entry.headers } : {}),
      },
    }));
}

/** The built-in rules, optionally without one service's own rule file. */
export function rulesWithout(service?: string): CompiledRules {
  const files = RULE_FILES.filter((file) => (file as { service?: string }).service !== service);
  return compileRules(loadRules(files));
}

export interface Outcome {
  testCase: EvalCase;
  verdict: Verdict;
  caught: boolean;
  attributed: boolean;
  falseAlarm: boolean;
}

export function judge(rules: CompiledRules, testCase: EvalCase): Outcome {
  const verdict = classifyWith(rules, testCase.observation);
  const blocked = verdict.verdict === 'block';
  return {
    testCase,
    verdict,
    caught: testCase.expect === 'block' && blocked,
    attributed: testCase.expect === 'block' && blocked && verdict.service === testCase.service,
    falseAlarm: testCase.expect === 'clean' && blocked,
  };
}

export interface Row {
  group: string;
  refusals: number;
  caught: number;
  attributed: number;
  lookAlikes: number;
  falseAlarms: number;
}

export function tally(outcomes: readonly Outcome[], groupOf: (outcome: Outcome) => string): Row[] {
  const rows = new Map<string, Row>();
  for (const outcome of outcomes) {
    const group = groupOf(outcome);
    const row = rows.get(group) ?? {
      group,
      refusals: 0,
      caught: 0,
      attributed: 0,
      lookAlikes: 0,
      falseAlarms: 0,
    };
    if (outcome.testCase.expect === 'block') {
      row.refusals++;
      if (outcome.caught) row.caught++;
      if (outcome.attributed) row.attributed++;
    } else {
      row.lookAlikes++;
      if (outcome.falseAlarm) row.falseAlarms++;
    }
    rows.set(group, row);
  }
  return [...rows.values()].sort((a, b) => a.group.localeCompare(b.group));
}

export interface LeaveOneOutRow extends Row {
  /** Ids of this service's refusals the rest of the engine missed. */
  missed: string[];
  /** Ids of look-alikes (any service) that became false alarms with this service withheld. */
  alarms: string[];
}

/** For each service with refusals in `cases`: withhold its rules and judge its refusals and every look-alike. */
export function leaveOneServiceOut(cases: readonly EvalCase[]): LeaveOneOutRow[] {
  const services = [
    ...new Set(cases.flatMap((testCase) => (testCase.service ? [testCase.service] : []))),
  ].sort();
  const lookAlikes = cases.filter((testCase) => testCase.expect === 'clean');
  return services.map((service) => {
    const rules = rulesWithout(service);
    const own = cases.filter((testCase) => testCase.expect === 'block' && testCase.service === service);
    const outcomes = [...own, ...lookAlikes].map((testCase) => judge(rules, testCase));
    const [row] = tally(outcomes, () => service) as [Row];
    return {
      ...row,
      missed: outcomes
        .filter((outcome) => outcome.testCase.expect === 'block' && !outcome.caught)
        .map((o) => o.testCase.id),
      alarms: outcomes.filter((outcome) => outcome.falseAlarm).map((outcome) => outcome.testCase.id),
    };
  });
}

export function kindOf(outcome: Outcome): string {
  return inferKind(outcome.testCase.observation);
}

export function langOf(outcome: Outcome): string {
  return outcome.testCase.lang;
}

/**
 * Whose words a held-out refusal is in, and whether they say where the reader is: the software's
 * own message with a sign of region is what the engine is for; an opaque message ('403
 * Forbidden') and a person's own account of a refusal are reported apart. Look-alikes have no
 * wording and are grouped as such.
 */
export function wordingOf(outcome: Outcome): string {
  const { expect, wording, regionInText } = outcome.testCase;
  if (expect === 'clean') return 'look-alikes';
  if (wording === 'described') return "described in the person's own words";
  if (wording === 'shown')
    return regionInText === false ? 'shown, opaque (no sign of region)' : SHOWN_WITH_REGION_GROUP;
  return 'not labelled';
}

/** The `wordingOf` group of what the engine is for: the software's own message that says where the reader is. */
export const SHOWN_WITH_REGION_GROUP = 'shown, with a sign of region';

/**
 * What the page watcher (core/watch/page-text, core/watch/watch-windows) would read of a body:
 * the page title on its own, and the visible text (markup dropped: the watcher reads
 * `innerText`). Pasted text stands in for a page's text.
 */
export function watcherTexts(body: string): string[] {
  const title = /<title[^>]{0,200}>([^<]{0,400})<\/title>/i.exec(body)?.[1];
  const visible = /<[a-z!/][^>]{0,2000}>/i.test(body)
    ? body
        .replace(/<title[^>]{0,200}>[^<]{0,400}<\/title>/gi, ' ')
        .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
    : body;
  return title ? [title, visible] : [visible];
}

export interface PrefilterOutcome {
  testCase: EvalCase;
  /** The engine blocks the case as it stands (what the rest of the eval measures). */
  caught: boolean;
  /** The URL alone decides (a redirect to a region page): no page text needs to pass. */
  byUrl: boolean;
  /** The excerpts the prefilter lets the watcher send. */
  sent: string[];
  /** Caught in the browser: the URL decides, or the engine blocks one of the sent excerpts. */
  caughtThrough: boolean;
}

/**
 * A page or pasted-text case judged the way a page's text reaches the engine in the browser:
 * only the excerpts `mightMatter` passes are sent, each as the page's body.
 */
export function throughPrefilter(
  rules: CompiledRules,
  testCase: EvalCase,
  mightMatter: (text: string) => boolean,
): PrefilterOutcome {
  const observation = testCase.observation;
  const caught = classifyWith(rules, observation).verdict === 'block';
  const byUrl =
    observation.url !== undefined && classifyWith(rules, { ...observation, body: '' }).verdict === 'block';
  const sent = watcherTexts(observation.body ?? '').flatMap((text) => matchingExcerpts(text, mightMatter));
  const caughtThrough =
    byUrl ||
    sent.some((excerpt) => classifyWith(rules, { ...observation, body: excerpt }).verdict === 'block');
  return { testCase, caught, byUrl, sent, caughtThrough };
}

/** The page and pasted-text cases of a set: what reaches the engine only through the page prefilter. */
export function pageTextCases(cases: readonly EvalCase[]): EvalCase[] {
  return cases.filter((testCase) => ['page', 'text'].includes(inferKind(testCase.observation)));
}

export interface GuessOutcome {
  testCase: EvalCase;
  /** What the "Check an error message" page would offer beside its clean verdict (checkerGuess). */
  guess: CheckerGuess | null;
}

/**
 * The pasted texts of `cases` the engine leaves clean, each with the guess the checker page reads
 * in it: on a missed refusal the guess is the way forward the page still offers, on a look-alike
 * an offer to ask a service that was not needed.
 */
export function guessesOffered(rules: CompiledRules, cases: readonly EvalCase[]): GuessOutcome[] {
  return cases
    .filter((testCase) => testCase.observation.kind === 'text')
    .filter((testCase) => classifyWith(rules, testCase.observation).verdict !== 'block')
    .map((testCase) => ({ testCase, guess: checkerGuess(rules, testCase.observation.body ?? '') }));
}
