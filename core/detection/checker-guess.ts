/**
 * What the "Check an error message" page offers beside a clean verdict, when the text cannot
 * decide but the service can be asked: either the client's own guess at a region refusal
 * (`regionGuess`: 'Claude Code might not be available in your country'), or a service's own block
 * page that Detour counts only where the service shows it ('Unable to load site … If you are using
 * a VPN, try turning it off' is ChatGPT's, but only on ChatGPT's hosts: pasted, the text cannot
 * say where it came from). Never a verdict: the page offers to ask the service once.
 *
 * Owns: the offer's reading. Must not: change a verdict, touch the browser or the network.
 */
import { SERVICES } from '../services';
import { type CompiledRules, classifyWith, type LoadedRule } from './engine';
import { readableText } from './recogniser/normalise';
import { PROSE_LIMIT, quotesARefusal, type RegionGuess, regionGuess } from './recogniser/recogniser';

export interface CheckerGuess extends RegionGuess {
  /** `guess`: the text guesses at a region; `page`: it is a service's block page seen out of place. */
  basis: 'guess' | 'page';
  /** The signature the page matched (`page` only). */
  ruleId: string | null;
}

/** A page on the service's own web app, where its contextual signatures count. */
function pageUrlOf(rule: LoadedRule): string | null {
  const service = SERVICES.find((candidate) => candidate.slug === rule.service);
  const webApps = service?.products.filter(
    (product) => product.role === 'webApp' && product.hosts.length > 0,
  );
  const product = webApps?.find((candidate) => candidate.slug === rule.product) ?? webApps?.[0];
  return product ? `https://${product.hosts[0]}/` : null;
}

/** The contextual page signatures of named services, each with a page of that service to read the text on. */
function servicePages(rules: CompiledRules): Array<{ url: string; ids: Set<string> }> {
  const byUrl = new Map<string, Set<string>>();
  for (const rule of rules.rules) {
    if (rule.strength !== 'contextual' || !rule.kinds.includes('page') || rule.service === '*') continue;
    if ((rule.hosts ?? 'service') !== 'service') continue;
    const url = pageUrlOf(rule);
    if (!url) continue;
    byUrl.set(url, (byUrl.get(url) ?? new Set()).add(rule.id));
  }
  return [...byUrl].map(([url, ids]) => ({ url, ids }));
}

const pagesOf = new WeakMap<CompiledRules, Array<{ url: string; ids: Set<string> }>>();

/**
 * The offer for a pasted `body` the engine leaves clean, or null. The caller has classified it
 * already; this never turns a clean text into a refusal. Never throws.
 */
export function checkerGuess(rules: CompiledRules, body: string): CheckerGuess | null {
  try {
    const guess = regionGuess(body);
    if (guess) return { ...guess, basis: 'guess', ruleId: null };
    // A block page is short; prose around one, or a text about refusals, is an article or a thread.
    if (readableText(body, 4 * PROSE_LIMIT).text.length > PROSE_LIMIT || quotesARefusal(body)) return null;
    let pages = pagesOf.get(rules);
    if (!pages) {
      pages = servicePages(rules);
      pagesOf.set(rules, pages);
    }
    for (const { url, ids } of pages) {
      const verdict = classifyWith(rules, { kind: 'page', url, body });
      if (verdict.verdict !== 'block' || verdict.via === 'recogniser' || !ids.has(verdict.ruleId)) continue;
      return {
        service: verdict.service,
        product: verdict.product,
        phrases: [verdict.ruleId],
        lang: 'en',
        evidence: verdict.evidence,
        basis: 'page',
        ruleId: verdict.ruleId,
      };
    }
    return null;
  } catch {
    return null;
  }
}
