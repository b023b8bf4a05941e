/**
 * The transport targets, asserted on the same measurement `npm run eval` prints: a reference
 * refusal recognised as plain pasted text is still recognised, naming the same service, after
 * every real relay and rewrite (transports.ts), and no look-alike clean as plain text becomes a
 * false alarm; every known cost is listed with its reason, and none is listed that no longer
 * occurs.
 */
import { describe, expect, it } from 'vitest';
import { rulesWithout } from './generalisation';
import { readReferenceCases } from './sets';
import {
  pastedText,
  pythonJsonDumps,
  pythonRepr,
  staleExceptions,
  TRANSPORTS,
  transportTable,
  unexplainedCosts,
} from './transports';

const reference = readReferenceCases();
const rows = transportTable(rulesWithout(), reference);

describe('the transports', () => {
  it('each carry part of the reference and say where they were seen', () => {
    for (const transport of TRANSPORTS) {
      expect(transport.source, transport.id).toMatch(/^(https:\/\/|signature:|none public: )/);
      const row = rows.find((entry) => entry.transport === transport);
      expect(row?.refusals ?? 0, transport.id).toBeGreaterThan(0);
    }
    expect(new Set(TRANSPORTS.map((transport) => transport.id)).size).toBe(TRANSPORTS.length);
  });

  it('rewrite as the real envelopes do', () => {
    expect(pythonRepr({ error: { code: 'x', param: null, ok: false, n: 403, m: "isn't" } })).toBe(
      `{'error': {'code': 'x', 'param': None, 'ok': False, 'n': 403, 'm': "isn't"}}`,
    );
    expect(pythonJsonDumps('不 "a"')).toBe('"\\u4e0d \\"a\\""');
    const openai = reference.find(
      (testCase) => testCase.id === 'openai-api-403-unsupported-country-region-territory',
    );
    if (!openai) throw new Error('reference case missing');
    const byId = (id: string) => TRANSPORTS.find((transport) => transport.id === id);
    expect(byId('one-api-envelope')?.apply(openai)).toContain(
      '"message": "Country, region, or territory not supported (request id: ',
    );
    expect(byId('openai-python-sdk')?.apply(openai)).toMatch(
      /^openai\.PermissionDeniedError: Error code: 403 - \{'error': \{'code': 'unsupported_country_region_territory'/,
    );
    expect(byId('openai-node-sdk')?.apply(openai)).toBe(
      'PermissionDeniedError: 403 Country, region, or territory not supported',
    );
    expect(byId('litellm-exception')?.apply(openai)).toMatch(
      /^litellm\.PermissionDeniedError: OpenAIException - Error code: 403 - \{'error'/,
    );
    // A page is not relayed by a gateway or an SDK; it is pasted, quoted or transcribed.
    const page = reference.find((testCase) => testCase.id === 'claude-web-app-unavailable-2024');
    if (!page) throw new Error('reference case missing');
    expect(byId('litellm-exception')?.apply(page)).toBeNull();
    expect(byId('markdown-quote')?.apply(page)).toBe(
      pastedText(page)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n'),
    );
  });
});

describe('refusals survive the ways they travel', () => {
  it('no transport loses a refusal, names another service or raises a false alarm beyond the listed exceptions', () => {
    expect(rows.flatMap(unexplainedCosts)).toEqual([]);
  });

  it('lists no exception that no longer occurs', () => {
    expect(staleExceptions(rows)).toEqual([]);
  });
});
