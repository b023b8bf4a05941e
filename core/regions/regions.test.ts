import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ASSIGNED_COUNTRY_CODES, alpha3ToAlpha2, isAssignedCountryCode } from './countries';
import iso from './iso3166-1.json';
import { decideExitCountry, findRegionList, REGIONS } from './regions';
import bundled from './regions.json';
import { RegionsData } from './schema';

const NOW = new Date('2026-11-25T12:00:00Z');

describe('bundled region lists', () => {
  it('pass the schema', () => {
    const result = v.safeParse(RegionsData, bundled);
    expect(result.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`) ?? []).toEqual([]);
  });

  it('use only assigned ISO 3166-1 alpha-2 codes (XK only as a declared extra code)', () => {
    expect(iso.count).toBe(249);
    expect(ASSIGNED_COUNTRY_CODES).toHaveLength(249);
    expect(iso.version).toMatch(/iso-codes 4\.15\.0/);
    for (const list of REGIONS.lists) {
      const codes = [
        ...list.regions,
        ...(list.partial ?? []).map((p) => p.code),
        ...(list.uncertain?.codes ?? []),
      ];
      expect(
        codes.filter((c) => !isAssignedCountryCode(c)),
        list.id,
      ).toEqual([]);
      for (const extra of list.extraCodes ?? []) expect(isAssignedCountryCode(extra)).toBe(false);
    }
  });

  it('give every list a source and a date', () => {
    for (const list of REGIONS.lists) {
      expect(list.source, list.id).toMatch(/^https:\/\//);
      expect(list.asOf, list.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('keep the counts of the published lists', () => {
    const count = (id: string) => REGIONS.lists.find((l) => l.id === id)?.regions.length;
    expect(count('openai-api')).toBe(197);
    expect(count('anthropic-api')).toBe(179);
    expect(count('anthropic-claude')).toBe(175);
    expect(count('google-gemini-api')).toBe(222);
    expect(count('github-copilot')).toBe(5);
  });

  it('rejects a list with an unknown code shape, no source, or a duplicate', () => {
    const bad = (mutate: (d: typeof bundled) => void) => {
      const d = structuredClone(bundled);
      mutate(d);
      return v.safeParse(RegionsData, d).success;
    };
    expect(bad((d) => d.lists[0]?.regions.push('usa'))).toBe(false);
    expect(bad((d) => d.lists[0]?.regions.push('US'))).toBe(false);
    expect(
      bad((d) => {
        delete (d.lists[0] as { source?: string }).source;
      }),
    ).toBe(false);
    expect(
      bad((d) => {
        (d.lists[0] as { asOf: string }).asOf = 'recently';
      }),
    ).toBe(false);
  });

  it('reads alpha-3 codes', () => {
    expect(alpha3ToAlpha2('CHN')).toBe('CN');
    expect(alpha3ToAlpha2('hkg')).toBe('HK');
    expect(alpha3ToAlpha2('ZZZ')).toBeNull();
  });
});

describe('decideExitCountry', () => {
  // service, product, country → expected decision (the published lists' cases, plus the edges)
  const table: Array<[string, string, string | null, 'served' | 'not-served' | 'unknown']> = [
    ['openai', 'chatgpt', 'CN', 'not-served'],
    ['openai', 'api', 'US', 'served'],
    ['openai', 'platform', 'HK', 'not-served'],
    ['anthropic', 'claude-web', 'HK', 'not-served'],
    ['anthropic', 'api', 'RU', 'not-served'],
    // No published Gemini-app list: the API list differs (Google's app page lists HK, the API page does not).
    ['google', 'gemini-web', 'RU', 'unknown'],
    ['google', 'gemini-api', 'RU', 'not-served'],
    ['google', 'ai-studio', 'XK', 'served'],
    ['openai', 'chatgpt', 'XK', 'unknown'], // OpenAI's list uses ISO codes only: it cannot say
    ['openai', 'chatgpt', 'ZZ', 'unknown'],
    ['github-copilot', 'copilot-api', 'IR', 'not-served'],
    ['github-copilot', 'copilot-api', 'US', 'served'],
    ['microsoft-copilot', 'copilot-web', 'CN', 'not-served'],
    ['microsoft-copilot', 'copilot-web', 'HK', 'served'],
    ['openai', 'chatgpt', 'T1', 'unknown'],
    ['openai', 'chatgpt', 'XX', 'unknown'],
    ['openai', 'chatgpt', null, 'unknown'],
    ['openai', 'chatgpt', 'PR', 'unknown'],
    ['openai', 'chatgpt', 'cn', 'not-served'],
    ['meta', 'meta-ai', 'US', 'unknown'],
    ['xai', 'grok-web', 'RU', 'unknown'],
  ];
  it.each(table)('%s / %s from %s → %s', (service, product, country, decision) => {
    expect(decideExitCountry({ service, product, country, now: NOW }).decision).toBe(decision);
  });

  it('serves JP on every listed service', () => {
    for (const list of REGIONS.lists) {
      const r = decideExitCountry({ service: list.service, product: list.product, country: 'JP', now: NOW });
      expect(r.decision, list.id).toBe('served');
    }
  });

  it('names the list, its source and date, and why an answer is unknown', () => {
    const r = decideExitCountry({ service: 'openai', product: 'chatgpt', country: 'CN', now: NOW });
    expect(r.list).toMatchObject({
      id: 'openai-chatgpt',
      source:
        'https://help.openai.com/en/articles/7947663-chatgpt-and-openai-api-supported-countries-and-territories',
      asOf: '2026-09-13',
      stale: false,
    });
    expect(decideExitCountry({ service: 'meta', product: 'meta-ai', country: 'US', now: NOW }).reason).toBe(
      'exitNoList',
    );
    expect(decideExitCountry({ service: 'openai', product: 'chatgpt', country: 'T1', now: NOW }).reason).toBe(
      'exitSpecialCountry',
    );
    expect(decideExitCountry({ service: 'openai', product: 'chatgpt', country: 'PR', now: NOW }).reason).toBe(
      'exitUncertainCode',
    );
  });

  it('flags lists older than 12 months as stale', () => {
    const claude = decideExitCountry({
      service: 'anthropic',
      product: 'claude-web',
      country: 'JP',
      now: NOW,
    });
    expect(claude.list?.asOf).toBe('2025-01-17');
    expect(claude.list?.stale).toBe(true);
    const gemini = (now: string) =>
      decideExitCountry({ service: 'google', product: 'gemini-api', country: 'JP', now: new Date(now) }).list
        ?.stale;
    expect(gemini('2026-11-18T00:00:00Z')).toBe(false);
    expect(gemini('2026-11-20T00:00:00Z')).toBe(true);
  });

  it('notes partial countries', () => {
    const ua = decideExitCountry({
      service: 'github-copilot',
      product: 'copilot-api',
      country: 'UA',
      now: NOW,
    });
    expect(ua.decision).toBe('served');
    expect(ua.partial).toMatch(/Crimea/);
  });

  it('marks the low-confidence Perplexity list', () => {
    expect(findRegionList('perplexity', 'web')?.confidence).toBe('low');
  });
});
