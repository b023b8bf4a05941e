/**
 * The refusal recogniser: does this observation have the SHAPE of a region refusal, whoever
 * sent it and however it is worded? It runs after the signature rules found nothing.
 *
 * A refusal is recognised when, in one sentence that is neither hedged ("may not be
 * available", "if you see") nor guarded (cloud regions, quotas, plans, verification, WAF pages,
 * quoted errors; look-alikes.json), a word for where the reader is (country, 地区, регион…)
 * is joined to an unavailability word (not available, 不可用, недоступ…), and the refusal is
 * either addressed to the reader (your, 您, ваш…) or carried by a structured error (a code
 * naming country/region/location, FAILED_PRECONDITION, HTTP 451 or 403). A refusal code
 * (`unsupported_country_region_territory`, `RegionError`) or a block-page URL
 * (`…/app-unavailable-in-region`, `?location=unsupported`, a redirect from a service to its
 * own list of available regions) is recognised on its own.
 *
 * Who refused is who-refused.ts: the observed host's service, an upstream a gateway relays, the
 * service the text names, else "an AI service (not named)"; a refusal naming only a service
 * outside AI is nobody's here. Pages and responses on hosts that are no service's stay clean
 * unless an error response names the service (quotes in articles, docs and code stay clean).
 *
 * Cost: linear. At most RECOGNISER_READ characters are read; visible text longer than
 * PROSE_LIMIT is prose around a quote, not a refusal, and only its title is considered.
 *
 * The parts, each in its file: limits.ts (how much is read), terms.ts (phrase terms as patterns),
 * tables.ts (everything compiled once), sentences.ts, sentence-reading.ts (the main reading),
 * codes.ts, url-signal.ts, reasonless.ts, glued.ts (text that lost its spaces), reports.ts (a
 * pasted report of what a service showed), place-first.ts (the terse place-first clause),
 * pasted-text.ts (the checker's questions beside the verdict). This file runs them in order.
 *
 * Owns: the recogniser's logic. Must not: throw, touch the browser, storage or network.
 */
import type { RecogniserData } from './data';
import { plain, type RecogniserInput, type Recognition, type TextContext, type TextFinding } from './finding';
import { LOG_LIMIT, PROSE_LIMIT, RECOGNISER_READ } from './limits';
import { canonicalText, readableText } from './normalise';
import { servicesIn } from './pasted-text';
import { placeFirstFinding } from './place-first';
import { reasonlessFinding } from './reasonless';
import { namedReportFinding, reportedFinding } from './reports';
import { findInText } from './sentence-reading';
import { type Compiled, compiledBuiltIn, dataBuiltIn } from './tables';
import { hits } from './terms';
import { urlSignal } from './url-signal';
import { namedServices, refuser } from './who-refused';

export type { RecogniserInput, Recognition } from './finding';
export { LOG_LIMIT, PROSE_LIMIT, RECOGNISER_READ } from './limits';
export { quotesARefusal, type RegionGuess, regionGuess, serviceNamedIn } from './pasted-text';
export { compileRecogniser, recogniserBuilt, warmRecogniser } from './tables';
export { UNNAMED_PRODUCT, UNNAMED_SERVICE } from './who-refused';

/** The statuses a region refusal comes with (400 for APIs that use it, e.g. Gemini's FAILED_PRECONDITION). */
const REFUSAL_STATUSES = new Set([400, 403, 451]);

/** Longest first line that is read as a page's heading. */
const HEADING_LIMIT = 100;

/**
 * The first line of a page's text when it stands as a heading: short, followed by more text, and
 * not itself a sentence running on. A block page says what it is there ('ChatGPT disabled for users
 * in Italy'), as others do in their title; it is read like a title.
 */
function pageHeading(text: string): string | null {
  const end = text.indexOf('\n');
  if (end <= 0 || end > HEADING_LIMIT) return null;
  const line = text.slice(0, end);
  return /[.!?。！？:：;,，]/.test(line) ? null : line;
}

function isErrorStatus(status: number | undefined): boolean {
  return status === undefined || status >= 400;
}

/** The recogniser. Null when the observation does not have a region refusal's shape. Never throws. */
export function recogniseRefusal(input: RecogniserInput, compiled?: Compiled): Recognition | null {
  try {
    return compiled
      ? recognise(compiled.data, () => compiled, input)
      : recognise(dataBuiltIn(), compiledBuiltIn, input);
  } catch {
    return null;
  }
}

/**
 * `tables` builds the compiled tables only past the checks that need none: most observations a
 * worker sees (a 404, 429 or 500 from a service's API) end before them, and the tables take tens of
 * milliseconds to build in a worker that just started, which a banner's report would wait behind.
 */
function recognise(data: RecogniserData, tables: () => Compiled, input: RecogniserInput): Recognition | null {
  const { kind, host } = input;
  // Pages and navigations on hosts that belong to no service are articles, docs and code: never refusals here.
  const onServiceHost = kind !== 'text' && host !== null;

  const byUrl = urlSignal(data.signals, input);
  if (byUrl) {
    return {
      service: byUrl.service,
      product: byUrl.product,
      confidence: 0.9,
      phrases: [byUrl.phrase],
      lang: 'any',
      evidence: plain(byUrl.url),
    };
  }
  if (kind === 'navigation' || input.body.length === 0) return null;
  // A block-page host (a service's docs or list of regions) says so only by how the tab got there.
  if (host?.role === 'blockPage' && kind === 'page') return null;
  if (kind === 'page' && !onServiceHost) return null;
  // A region refusal answers 403, 451 or 400; 401, 404, 429 and 5xx mean something else.
  if (kind === 'response' && input.status !== undefined && !REFUSAL_STATUSES.has(input.status)) return null;
  if (kind === 'response' && !onServiceHost && !isErrorStatus(input.status)) return null;

  const visibleLimit = kind === 'page' ? PROSE_LIMIT : LOG_LIMIT;
  // Plain text far longer than a refusal needs no reading: it is a document, and it has no title.
  const markup = /<[a-z!/]/i.test(input.body.slice(0, 4096));
  if (!markup && input.body.length > 2 * visibleLimit) return null;
  const compiled = tables();
  // Page text reaches here as what the page shows; a few times the prose limit is all that can matter.
  const { text, display, aligned, title } = readableText(
    input.body,
    kind === 'page' ? 3 * PROSE_LIMIT : RECOGNISER_READ,
  );
  const proseHeavy = text.length > visibleLimit;
  if (proseHeavy && !title) return null;
  if (compiled.textGuards.some(({ regex }) => (!proseHeavy && regex.test(text)) || regex.test(title)))
    return null;

  const envelope = hits(compiled.envelope, text).length > 0;
  const statusSignal =
    (input.status !== undefined && [403, 451].includes(input.status)) ||
    (input.status === 400 && kind === 'response') ||
    compiled.statusInText.test(text);
  const failedPrecondition = text.includes(compiled.data.signals.failedPrecondition.text);
  const structuredCarrier =
    input.status === 451 ||
    // An error page's title carries its status too ('451 Unavailable For Legal Reasons').
    /(?<!\d)451(?!\d)/.test(`${title}\n${text}`) ||
    failedPrecondition ||
    statusSignal ||
    envelope;
  const context: TextContext = { status: input.status, structuredCarrier, ownHost: onServiceHost };

  let finding: TextFinding | null = reasonlessFinding(compiled, input, text);
  if (!finding && title) {
    const inTitle = findInText(compiled, title, { ...context, structuredCarrier: true, heading: true });
    if (inTitle) finding = { ...inTitle, inTitle: true, share: 1 };
  }
  // A page without a <title> (page text arrives as what the page shows) leads with its heading.
  const heading = kind === 'page' && !title && !proseHeavy ? pageHeading(text) : null;
  if (!finding && heading) {
    const inHeading = findInText(compiled, heading, { ...context, structuredCarrier: true, heading: true });
    if (inHeading) finding = { ...inHeading, inTitle: true, share: 1 };
  }
  if (!finding && !proseHeavy) {
    // The heading is not part of the sentence after it.
    const bodyContext = heading ? { ...context, headingEnd: heading.length } : context;
    finding = findInText(compiled, text, bodyContext, aligned ? display : undefined);
  }
  if (!finding && kind === 'text') finding = reportedFinding(compiled, text, context);
  if (!finding && kind === 'text') finding = namedReportFinding(compiled, text);
  if (!finding && kind === 'text') finding = placeFirstFinding(compiled, text);
  if (!finding) return null;
  // On a page, a refusal is what the page says, not one sentence in a long answer or article.
  if (kind === 'page' && !finding.inTitle && text.length > 400 && finding.share < 0.2) return null;

  // Who refused.
  // The service the refusing sentence names refused, over one named elsewhere in the text
  // ('…OpenRouter's set-up wizard refused the model. The real cause: xAI returns "403 … not
  // available in your region"').
  const inSentence = namedServices(compiled.names, canonicalText(finding.evidence));
  const named = inSentence.length > 0 ? inSentence : servicesIn(compiled, `${title}\n${text}`, input.body);
  const otherService =
    hits(compiled.otherServices, `${title}\n${text}`).length > 0 ||
    (finding.glued === true && compiled.gluedOtherService?.test(text.replace(/\s+/g, '')) === true);
  const refused = refuser({
    kind,
    host: onServiceHost ? host : null,
    named,
    relayed: hits(compiled.relay, text).length > 0,
    otherService,
  });
  if (!refused) return null;
  const { service, product } = refused;

  let confidence = 0.55;
  if (onServiceHost) confidence += 0.15;
  if (named.some((candidate) => candidate.service === service)) confidence += 0.1;
  if (envelope) confidence += 0.05;
  if (statusSignal || input.status === 451) confidence += 0.05;
  if (finding.structured) confidence += 0.05;
  if (finding.inTitle) confidence += 0.05;
  return {
    service,
    product,
    confidence: Math.min(0.95, Math.round(confidence * 100) / 100),
    phrases: finding.phrases,
    lang: finding.lang,
    evidence: finding.evidence,
  };
}

export { canonicalText };
