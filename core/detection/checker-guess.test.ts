/**
 * The checker page's offer for a pasted text the engine leaves clean: a client's guess at a region
 * (regionGuess, region-guess.test.ts) or a service's own block page seen out of place, which
 * Detour counts only on the service's hosts. Never a verdict.
 */
import { describe, expect, it } from 'vitest';
import { checkerGuess } from './checker-guess';
import { builtInRules, classifyObservation, guessForPastedText } from './index';

const CHATGPT_PAGE =
  'Unable to load site\nPlease try again later. If you are using a VPN, try turning it off. Check the status page for information on outages.\n[IP:103.77.101.39 | Ray ID:9ab4c3f4ef8bba4a]';

describe('checkerGuess', () => {
  it("reads ChatGPT's block page pasted as that page, out of the place where it counts", () => {
    expect(classifyObservation({ kind: 'text', body: CHATGPT_PAGE }).verdict).toBe('clean');
    expect(guessForPastedText(CHATGPT_PAGE)).toMatchObject({
      basis: 'page',
      service: 'openai',
      product: 'chatgpt',
      ruleId: 'chatgpt-unable-to-load-site-vpn',
    });
    // Inside a person's words around it, as it is pasted into an issue.
    expect(guessForPastedText(`翻墙后提示这个怎么办？ ${CHATGPT_PAGE.replace(/\n/g, ' ')}`)?.service).toBe(
      'openai',
    );
  });

  it('reads a client’s guess first', () => {
    expect(
      guessForPastedText(
        'Unable to connect to Anthropic services\nNote: Claude Code might not be available in your country.',
      ),
    ).toMatchObject({ basis: 'guess', service: 'anthropic', ruleId: null });
  });

  it.each([
    // The page without its VPN line: ChatGPT's own words for a slow load.
    'Unable to load site content. Please refresh.',
    // A plain failure.
    'Error: connect ETIMEDOUT 104.18.33.45:443',
  ])('offers nothing for %s', (body) => {
    expect(checkerGuess(builtInRules(), body)).toBeNull();
  });

  it('offers nothing for an article that quotes the page inside its prose', () => {
    const article = `${'ChatGPT has been blocked in some countries since 2023, and people keep asking why. '.repeat(60)}\nThe page reads: ${CHATGPT_PAGE}\n${'Here is what we found out about it. '.repeat(40)}`;
    expect(checkerGuess(builtInRules(), article)).toBeNull();
  });
});
