/**
 * What the recogniser reads (an observation, with the service its host belongs to) and what it
 * answers, and the finding each way of reading a text hands back before who refused is settled.
 */
import type { ProductMatch } from '../../services';
import type { ObservationKind } from '../observation';

/** Longest evidence quoted, in characters. */
const EVIDENCE_LIMIT = 300;

export interface RecogniserInput {
  kind: ObservationKind;
  url?: string;
  from?: string;
  status?: number;
  headers?: Record<string, string>;
  body: string;
  host: ProductMatch | null;
}

export interface Recognition {
  service: string;
  product: string;
  /** 0..1: how many independent signals agree (own host, service named, envelope, status, URL, title). */
  confidence: number;
  /** The words that matched, in the canonical reading (`not available`, `your`, `country`…). */
  phrases: string[];
  /** The language of the matched wording (`en`, `zh`, `ru`…, `any` for codes and URLs). */
  lang: string;
  /** Plain text, at most 300 characters. */
  evidence: string;
}

export function plain(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EVIDENCE_LIMIT ? flat : `${flat.slice(0, EVIDENCE_LIMIT - 1)}…`;
}

export interface TextFinding {
  phrases: string[];
  lang: string;
  evidence: string;
  structured: boolean;
  inTitle: boolean;
  /** Share of the visible text taken by the accepted sentences (0..1). */
  share: number;
  /** Read from words run together (text that lost its spaces). */
  glued?: boolean;
}

export interface TextContext {
  status: number | undefined;
  structuredCarrier: boolean;
  /** The text comes from the service's own host: a refusal code there speaks for itself. */
  ownHost: boolean;
  /** The text is a page's title or heading, read as speaking to the reader without a 'your'. */
  heading?: boolean;
  /** Where a page's heading line ends: the heading is not part of the sentence after it. */
  headingEnd?: number;
}
