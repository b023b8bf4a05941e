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

/**
 * Puts rule files from a verified data bundle in use, or the built-in ones again (null). The files
 * are validated and compiled first: on an error this throws and the rules in use stay.
 */
export function installRules(files: readonly unknown[] | null): void {
  compiled = files ? compileRules(loadRules(files)) : null;
}

export function classifyObservation(observation: Observation): Verdict {
  return classifyWith(builtInRules(), observation);
}
