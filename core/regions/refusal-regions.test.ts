import { describe, expect, it } from 'vitest';
import {
  CHOOSER_REGIONS,
  regionFromEvidence,
  regionsNotServedBy,
  servicesNotServing,
} from './refusal-regions';
import { findRegionList, REGIONS } from './regions';

describe('regionsNotServedBy', () => {
  it("turns an allow list into every other assigned code, from the service's own list", () => {
    const list = findRegionList('openai', 'api');
    const notServed = regionsNotServedBy('openai', 'api') ?? [];
    expect(notServed).toContain('CN');
    expect(notServed).toContain('HK');
    expect(notServed).toContain('RU');
    expect(notServed).toContain('IR');
    expect(notServed).not.toContain('JP');
    for (const code of list?.regions ?? []) expect(notServed).not.toContain(code);
  });

  it('a deny list gives its own codes; no list gives null', () => {
    const deny = REGIONS.lists.find((l) => l.mode === 'deny');
    if (deny) expect(regionsNotServedBy(deny.service, deny.product)).toEqual([...deny.regions].sort());
    expect(regionsNotServedBy('meta', 'meta-ai')).toBeNull();
  });
});

describe('regionFromEvidence, best first', () => {
  const refusedBy = { service: 'openai', product: 'api' };

  it("the user's choice wins over everything", () => {
    expect(regionFromEvidence({ chosen: 'HK', exitCountry: 'JP', refusedBy, guessed: 'GB' })).toEqual({
      source: 'chosen',
      region: 'HK',
      ask: false,
    });
  });

  it("then the exit country from the service's own trace; XX and T1 are not countries", () => {
    expect(regionFromEvidence({ exitCountry: 'RU', refusedBy, guessed: 'GB' })).toMatchObject({
      source: 'exit-country',
      region: 'RU',
    });
    expect(regionFromEvidence({ exitCountry: 'T1', refusedBy, guessed: 'GB' }).source).toBe('refusal');
  });

  it('then a refusal: the chooser regions the refusing service does not serve, asked, not assumed', () => {
    // An English browser on UTC: the guess says nothing, the refusal says a lot.
    const evidence = regionFromEvidence({ refusedBy, guessed: 'GB' });
    expect(evidence).toEqual({
      source: 'refusal',
      region: null,
      candidates: [...CHOOSER_REGIONS],
      ask: true,
    });
  });

  it('a refusal that agrees with the language and time zone uses that guess, and still asks once', () => {
    // A Simplified Chinese browser in Asia/Shanghai refused by a service that does not serve CN.
    expect(regionFromEvidence({ refusedBy, guessed: 'CN' })).toEqual({
      source: 'refusal',
      region: 'CN',
      candidates: [...CHOOSER_REGIONS],
      ask: true,
    });
    // A guess the refusal contradicts is dropped: the service serves GB, so the user is not there.
    expect(regionFromEvidence({ refusedBy, guessed: 'GB' }).region).toBeNull();
  });

  it('then several services that do not serve CN unreachable from this network: ask about CN', () => {
    expect(servicesNotServing('CN')).toEqual(expect.arrayContaining(['anthropic', 'google', 'openai']));
    expect(regionFromEvidence({ unreachableServices: ['openai', 'anthropic'], guessed: 'US' })).toEqual({
      source: 'unreachable-pattern',
      region: null,
      candidates: ['CN'],
      ask: true,
    });
    // One service cut off is not a pattern.
    expect(regionFromEvidence({ unreachableServices: ['openai'], guessed: 'US' })).toMatchObject({
      source: 'guess',
      region: 'US',
    });
  });

  it('"Somewhere else": the ruled-out regions are not asked about again, nor guessed', () => {
    // Some of the chooser's regions ruled out: the chooser asks only about the rest.
    expect(regionFromEvidence({ refusedBy, guessed: 'GB', notIn: ['CN', 'HK'] })).toEqual({
      source: 'refusal',
      region: null,
      candidates: ['MO', 'RU', 'IR'],
      ask: true,
    });
    // All of them ruled out: no question; a guess the user ruled out is dropped too.
    expect(regionFromEvidence({ refusedBy, guessed: 'CN', notIn: [...CHOOSER_REGIONS] })).toEqual({
      source: 'none',
      region: null,
      ask: false,
    });
    // A guess the user did not rule out still counts.
    expect(regionFromEvidence({ refusedBy, guessed: 'GB', notIn: [...CHOOSER_REGIONS] })).toMatchObject({
      source: 'guess',
      region: 'GB',
    });
    // Mainland China ruled out: an unreachable pattern does not ask about it again.
    expect(regionFromEvidence({ unreachableServices: ['openai', 'anthropic'], notIn: ['CN'] }).ask).toBe(
      false,
    );
    // A choice or an exit country still wins.
    expect(regionFromEvidence({ chosen: 'CN', notIn: ['CN'] }).region).toBe('CN');
  });

  it('the UI language and time zone last; nothing at all says nothing', () => {
    expect(regionFromEvidence({ guessed: 'CN' })).toMatchObject({ source: 'guess', region: 'CN' });
    expect(regionFromEvidence({})).toEqual({ source: 'none', region: null, ask: false });
    expect(regionFromEvidence({ chosen: 'cn', guessed: null })).toEqual({
      source: 'none',
      region: null,
      ask: false,
    });
  });
});
