/**
 * How the first paint's script hands its browser calls and its paint to the app's module: one
 * property of the page's global object, set by the classic script (which runs while the page is
 * parsed) and taken by the app's module (which runs after). Nothing else reads it.
 */
import type { FirstReads } from '../popup/first-reads';

export interface FirstPaintHandoff {
  /** The popup's first browser calls, already under way. */
  reads: FirstReads;
  /** Settles once the first paint is drawn (true) or known not to be (false). Never rejects. */
  painted: Promise<boolean>;
}

/** The attribute on the first paint's root, by which the app finds and replaces it. */
export const FIRST_PAINT_ATTRIBUTE = 'data-first-paint';

const PROPERTY = '__detourPopupFirstPaint';
type WithHandoff = typeof globalThis & { [PROPERTY]?: FirstPaintHandoff };

export function offerFirstPaint(handoff: FirstPaintHandoff): void {
  (globalThis as WithHandoff)[PROPERTY] = handoff;
}

/** The first paint's handoff, once; null when its script did not run (then the app starts alone). */
export function takeFirstPaint(): FirstPaintHandoff | null {
  const scope = globalThis as WithHandoff;
  const handoff = scope[PROPERTY] ?? null;
  delete scope[PROPERTY];
  return handoff;
}
