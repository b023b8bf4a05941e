/**
 * Detection: is this observation an AI service refusing its user because of their country or
 * region? `classifyObservation` is the one entry point for the extension, the catalog's
 * reachability check and the classify command. The rules are compiled on the first call.
 *
 * Owns: the engine and its rules. Must not: touch the browser, storage or the network.
 */
import { type CheckerGuess, checkerGuess } from './checker-guess';
import { type CompiledRules, classifyWith, compileRules, loadRules } from './engine';
import type { Observation, ObservationKind, Verdict } from './observation';
import { serviceNamedIn, warmRecogniser } from './recogniser/recogniser';
import { RULE_FILES } from './rules';

export type { CheckerGuess } from './checker-guess';
export { inferKind } from './engine';
export type { Observation, ObservationKind, Verdict } from './observation';

let compiled: CompiledRules | null = null;
/** Whether `compiled` holds a data bundle's rules rather than the built-in ones. */
let fromBundle = false;

/** The compiled built-in rules (validated and compiled once, on first use). */
export function builtInRules(): CompiledRules {
  compiled ??= compileRules(loadRules(RULE_FILES));
  return compiled;
}

/**
 * Puts rule files from a verified data bundle in use, or the built-in ones again (null). The files
 * are validated and compiled first: on an error this throws and the rules in use stay. Going back
 * to the built-in rules while they are in use keeps what they have built: every worker start
 * without a stored bundle does that, and it threw away tables built for a page meanwhile.
 */
export function installRules(files: readonly unknown[] | null): void {
  if (files) {
    compiled = compileRules(loadRules(files));
    fromBundle = true;
  } else if (fromBundle) {
    compiled = null;
    fromBundle = false;
  }
}

export function classifyObservation(observation: Observation): Verdict {
  return classifyWith(builtInRules(), observation);
}

/** What "Check an error message" offers for a pasted text the engine leaves clean (checker-guess.ts). */
export function guessForPastedText(body: string): CheckerGuess | null {
  return checkerGuess(builtInRules(), body);
}

/** The AI service a pasted text names, for the page's ask under a clean text (never a verdict). */
export function serviceInPastedText(body: string): string | null {
  return serviceNamedIn(body);
}

/**
 * What a kind's first classification builds on its way, most needed first: a service page's text
 * (a refusal banner), responses, navigations, then the recogniser's tables. Built lazily, the page
 * kind's keyword automaton was most of a banner's time from the page to the log in the bench (4–24
 * ms of 13–51 ms), because the banner is usually the first page text a worker classifies.
 */
const WARM_PARTS: ReadonlyArray<ObservationKind | 'recogniser'> = [
  'page',
  'response',
  'navigation',
  'recogniser',
];

/**
 * Builds the parts above, one per task through `defer` (each schedules the next once it is done),
 * so that a report arriving meanwhile waits for one part at most. Parts already built cost a
 * lookup. Rules installed later (a data update) are built again on first use.
 *
 * The recogniser's tables are the one long part (about 70 ms in a worker on two cores; the
 * signatures' parts take a few each) and go through `deferLong`: a worker's first observation is
 * often a failed request, which is when a refusal banner is most likely to follow, and a banner's
 * report arriving during that build waited for all of it (bench/findings.md). Banners that match a
 * signature, as the known ones do, never need the recogniser.
 */
export function warmClassifierLater(
  defer: (task: () => void) => void,
  deferLong: (task: () => void) => void = defer,
): void {
  const next = (i: number) => {
    const part = WARM_PARTS[i];
    if (part === undefined) return;
    (part === 'recogniser' ? deferLong : defer)(() => {
      if (part === 'recogniser') warmRecogniser();
      else builtInRules().matcher(part);
      next(i + 1);
    });
  };
  next(0);
}
