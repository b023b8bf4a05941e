/**
 * Detection: is this observation an AI service refusing its user because of their country or
 * region? `classifyObservation` is the one entry point for the extension, the catalog's
 * reachability check and the classify command. The rules are compiled on the first call.
 *
 * Owns: the engine and its rules. Must not: touch the browser, storage or the network.
 */
import { type CompiledRules, classifyWith, compileRules, loadRules } from './engine';
import type { Observation, Verdict } from './observation';
import { RULE_FILES } from './rules';

export { inferKind } from './engine';
export type { Observation, ObservationKind, Verdict } from './observation';

let compiled: CompiledRules | null = null;

/** The compiled built-in rules (validated and compiled once, on first use). */
export function builtInRules(): CompiledRules {
  compiled ??= compileRules(loadRules(RULE_FILES));
  return compiled;
}

export function classifyObservation(observation: Observation): Verdict {
  return classifyWith(builtInRules(), observation);
}
