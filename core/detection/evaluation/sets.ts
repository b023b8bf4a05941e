/**
 * Reads the evaluation sets from the repository, for `npm run eval` and the tests that hold the
 * engine to its figures (Node only: the extension never loads these files). Each file is checked
 * against its schema, so a malformed case stops the run with the field it is in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { ReferenceSignature } from '../signature-observation';
import { type EvalCase, HoldoutFile, holdoutCases, referenceCases } from './generalisation';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function readJson(...path: string[]): unknown {
  return JSON.parse(readFileSync(join(ROOT, ...path), 'utf8'));
}

/** The reference signatures (reference/block-signatures.json) as evaluation cases. */
export function readReferenceCases(): EvalCase[] {
  return referenceCases(v.parse(v.array(ReferenceSignature), readJson('reference', 'block-signatures.json')));
}

/** The held-out files: the first, collected after the phrase lists' first version, then the blind ones. */
export const HOLDOUT_FILES = {
  holdout: 'refusals-holdout.json',
  blind2: 'refusals-holdout-2.json',
  blind3: 'refusals-holdout-3.json',
  blind4: 'refusals-holdout-4.json',
  blind5: 'refusals-holdout-5.json',
  blind6: 'refusals-holdout-6.json',
  blind7: 'refusals-holdout-7.json',
  blind8: 'refusals-holdout-8.json',
  blind9: 'refusals-holdout-9.json',
  blind10: 'refusals-holdout-10.json',
  blind11: 'refusals-holdout-11.json',
  blind12: 'refusals-holdout-12.json',
  blind13: 'refusals-holdout-13.json',
  blind14: 'refusals-holdout-14.json',
  blind15: 'refusals-holdout-15.json',
  blind16: 'refusals-holdout-16.json',
  blind17: 'refusals-holdout-17.json',
  blind18: 'refusals-holdout-18.json',
  blind19: 'refusals-holdout-19.json',
  blind20: 'refusals-holdout-20.json',
  blind21: 'refusals-holdout-21.json',
  blind22: 'refusals-holdout-22.json',
  blind23: 'refusals-holdout-23.json',
  blind24: 'refusals-holdout-24.json',
  blind25: 'refusals-holdout-25.json',
  blind26: 'refusals-holdout-26.json',
  blind27: 'refusals-holdout-27.json',
  blind28: 'refusals-holdout-28.json',
  blind29: 'refusals-holdout-29.json',
  blind30: 'refusals-holdout-30.json',
  blind31: 'refusals-holdout-31.json',
  blind32: 'refusals-holdout-32.json',
  blind33: 'refusals-holdout-33.json',
  blind34: 'refusals-holdout-34.json',
  blind35: 'refusals-holdout-35.json',
  blind36: 'refusals-holdout-36.json',
  blind37: 'refusals-holdout-37.json',
  blind38: 'refusals-holdout-38.json',
  blind39: 'refusals-holdout-39.json',
  blind40: 'refusals-holdout-40.json',
  blind41: 'refusals-holdout-41.json',
  blind42: 'refusals-holdout-42.json',
  blind43: 'refusals-holdout-43.json',
  blind44: 'refusals-holdout-44.json',
  blind45: 'refusals-holdout-45.json',
  blind46: 'refusals-holdout-46.json',
  blind47: 'refusals-holdout-47.json',
  blind48: 'refusals-holdout-48.json',
  blind49: 'refusals-holdout-49.json',
  blind50: 'refusals-holdout-50.json',
  blind51: 'refusals-holdout-51.json',
  blind52: 'refusals-holdout-52.json',
  blind53: 'refusals-holdout-53.json',
  blind54: 'refusals-holdout-54.json',
  blind55: 'refusals-holdout-55.json',
  blind56: 'refusals-holdout-56.json',
  blind57: 'refusals-holdout-57.json',
  blind58: 'refusals-holdout-58.json',
  blind59: 'refusals-holdout-59.json',
  blind60: 'refusals-holdout-60.json',
  blind61: 'refusals-holdout-61.json',
  blind62: 'refusals-holdout-62.json',
  blind63: 'refusals-holdout-63.json',
  blind64: 'refusals-holdout-64.json',
  blind65: 'refusals-holdout-65.json',
  blind66: 'refusals-holdout-66.json',
  blind67: 'refusals-holdout-67.json',
  blind68: 'refusals-holdout-68.json',
  blind69: 'refusals-holdout-69.json',
} as const;

export type HoldoutSet = keyof typeof HOLDOUT_FILES;

/** One held-out file, parsed, and its cases that no rule was written from. */
export function readHoldout(set: HoldoutSet): { file: HoldoutFile; cases: EvalCase[] } {
  const file = v.parse(HoldoutFile, readJson('core', 'detection', 'evaluation', HOLDOUT_FILES[set]));
  return { file, cases: holdoutCases(file, set === 'holdout' ? 'holdout' : 'blind') };
}

/** Every held-out set in the order the tables list them, each with its label and its untouched cases. */
export function readHoldouts(): Array<{ set: HoldoutSet; label: string; cases: EvalCase[] }> {
  return (Object.keys(HOLDOUT_FILES) as HoldoutSet[]).map((set) => ({
    set,
    label: set === 'holdout' ? 'held out' : `blind held-out (${set.slice('blind'.length)})`,
    cases: readHoldout(set).cases,
  }));
}
