/**
 * The engine's input and output. Everything that reaches the engine (a response seen by a
 * watcher, a page's text, a navigation, a pasted log) is an Observation; everything it says
 * is a Verdict. Schemas validate at every boundary; the types are inferred from them.
 */
import * as v from 'valibot';

export const ObservationKind = v.picklist(['response', 'page', 'navigation', 'text']);
export type ObservationKind = v.InferOutput<typeof ObservationKind>;

export const Observation = v.object({
  id: v.optional(v.union([v.string(), v.number()])),
  url: v.optional(v.pipe(v.string(), v.maxLength(8192))),
  status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999))),
  headers: v.optional(v.record(v.string(), v.string())),
  body: v.optional(v.string()),
  kind: v.optional(ObservationKind),
  /** For `navigation` and `page`: the URL the tab was on, or was redirected from, before `url`. */
  from: v.optional(v.pipe(v.string(), v.maxLength(8192))),
});
export type Observation = v.InferOutput<typeof Observation>;

export type Verdict =
  | {
      verdict: 'block';
      /** Stable lowercase slug from core/services/services.json. */
      service: string;
      /** Which surface of the service, e.g. `api`, `chatgpt`, `claude-web`. */
      product: string;
      ruleId: string;
      /** Short plain-text excerpt of what matched (never HTML to be rendered). */
      evidence: string;
      /** ISO 3166-1 alpha-2 code when the block names the country (e.g. Cloudflare 1009). */
      country?: string;
      /**
       * How the verdict was reached: `signature` (a known rule matched; `basis` lists the rule's
       * sources) or `recogniser` (the refusal was recognised by its shape; `basis` lists the
       * words that matched). The engine always sets these three; they are optional so that a
       * verdict written by hand (a test, a stored event) without them still type-checks.
       */
      via?: 'signature' | 'recogniser';
      /** 0..1. A signature is 1; the recogniser's grows with the signals that agree. */
      confidence?: number;
      basis?: string[];
    }
  | {
      verdict: 'clean';
      service: string | null;
      product: string | null;
      ruleId: null;
      evidence: '';
    };
