/**
 * How the recogniser's tests say what pasted text must do: stay clean, or still be read as a
 * refusal, through the whole engine (classifyObservation) as the "Check an error message" page
 * runs it.
 */
import { expect, it } from 'vitest';
import { classifyObservation } from '../../core/detection/index';
import type { Observation } from '../../core/detection/observation';
import { mightMatterForPage } from '../../core/detection/page-triggers';

/** The verdict when it is a block, however it was reached. */
export const blocked = (observation: Observation) => {
  const verdict = classifyObservation(observation);
  return verdict.verdict === 'block' ? verdict : null;
};
/** Pasted texts that must stay clean, each under its own name: one test per look-alike. */
export function keepsClean(cases: ReadonlyArray<readonly [string, string]>): void {
  it.each(cases)('keeps %s clean', (_, body) => {
    expect(blocked({ kind: 'text', body }), body).toBeNull();
  });
}
/** Pasted refusals that must still be read beside a look-alike that is kept clean: one test for them all. */
export function stillReads(what: string, bodies: readonly string[]): void {
  it(`still reads ${what}`, () => {
    for (const body of bodies) expect(blocked({ kind: 'text', body }), body).not.toBeNull();
  });
}
/** Pasted refusals that must still be read, and that a page showing them must pass to the engine. */
export function stillReadsOnAPage(what: string, bodies: readonly string[]): void {
  stillReads(what, bodies);
  it(`passes ${what} on a page`, () => {
    for (const body of bodies) expect(mightMatterForPage(body), body).toBe(true);
  });
}
/** The verdict when the recogniser reached it (no signature knows the wording). */
export const recognised = (observation: Observation) => {
  const verdict = blocked(observation);
  return verdict?.via === 'recogniser' ? verdict : null;
};
