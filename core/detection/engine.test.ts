import { describe, expect, it } from 'vitest';
import { BODY_LIMITS, inferKind, plainExcerpt } from './engine';
import { builtInRules, classifyObservation } from './index';

const OPENAI_REGION =
  '{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported"}}';

describe('inferKind', () => {
  it.each([
    [{ url: 'https://a.example/', status: 403 }, 'response'],
    [{ url: 'https://a.example/', body: 'x' }, 'page'],
    [{ url: 'https://a.example/' }, 'navigation'],
    [{ body: 'x' }, 'text'],
    [{}, 'text'],
    [{ url: 'https://a.example/', status: 200, kind: 'page' as const }, 'page'],
  ])('%j → %s', (observation, kind) => {
    expect(inferKind(observation)).toBe(kind);
  });
});

describe('classifyObservation', () => {
  it('never blocks on a status alone', () => {
    for (const status of [401, 403, 429, 451, 529]) {
      expect(
        classifyObservation({ url: 'https://api.openai.com/v1/chat/completions', status, body: '' }).verdict,
      ).toBe('clean');
    }
  });

  it('names the service of a known host even when clean', () => {
    expect(
      classifyObservation({ url: 'https://api.anthropic.com/v1/messages', status: 200, body: '{}' }),
    ).toEqual({
      verdict: 'clean',
      service: 'anthropic',
      product: 'api',
      ruleId: null,
      evidence: '',
    });
  });

  it('ignores a Cloudflare challenge, whatever its body says', () => {
    const observation = {
      url: 'https://chatgpt.com/',
      status: 403,
      headers: { 'CF-Mitigated': 'challenge' },
      body: 'Unable to load site. If you are using a VPN, try turning it off.',
    };
    expect(classifyObservation(observation).verdict).toBe('clean');
    expect(classifyObservation({ ...observation, headers: {} }).verdict).toBe('block');
  });

  it('counts strong signatures in error responses from other hosts, not in their documents', () => {
    const gateway = { url: 'https://llm-gateway.example/v1/chat/completions', body: OPENAI_REGION };
    expect(classifyObservation({ ...gateway, status: 403 })).toMatchObject({
      verdict: 'block',
      service: 'openai',
    });
    expect(classifyObservation({ ...gateway, status: 200 }).verdict).toBe('clean');
    expect(classifyObservation({ ...gateway, kind: 'page' }).verdict).toBe('clean');
  });

  it('lets contextual phrases speak only on their own hosts and never in pasted text', () => {
    const sentence = 'This service is not available in your region.';
    expect(classifyObservation({ url: 'https://grok.com/', body: sentence })).toMatchObject({
      service: 'xai',
    });
    expect(classifyObservation({ url: 'https://news.example/grok', body: sentence }).verdict).toBe('clean');
    // Pasted, the sentence is no signature; the recogniser still knows a refusal, but not whose.
    expect(classifyObservation({ body: sentence })).toMatchObject({
      verdict: 'block',
      via: 'recogniser',
      service: 'unnamed-ai',
    });
  });

  it('follows a redirect in the Location header, relative or absolute', () => {
    const verdict = classifyObservation({
      url: 'https://notebooklm.google.com/',
      status: 302,
      headers: { Location: '/?location=unsupported' },
    });
    expect(verdict).toMatchObject({ verdict: 'block', ruleId: 'notebooklm-location-unsupported' });
    expect(verdict.evidence).toBe('https://notebooklm.google.com/?location=unsupported');
  });

  it('keeps only the query parameters a URL rule looked at in the evidence', () => {
    const verdict = classifyObservation({
      kind: 'navigation',
      url: 'https://chat.openai.com/api/auth/error?state=secret&error_description=(error%3Dunsupported_country)',
    });
    expect(verdict.verdict).toBe('block');
    expect(verdict.evidence).not.toContain('secret');
  });

  it('reads a response body up to its limit and page text up to its own', () => {
    const padding = ' '.repeat(BODY_LIMITS.response);
    const late = `${padding}${OPENAI_REGION}`;
    expect(classifyObservation({ url: 'https://api.openai.com/v1/x', status: 403, body: late }).verdict).toBe(
      'clean',
    );
    const page = `${'lorem ipsum '.repeat(50_000)}Gemini isn’t currently supported in your country.`;
    expect(page.length).toBeLessThan(BODY_LIMITS.page);
    expect(classifyObservation({ url: 'https://gemini.google.com/app', body: page })).toMatchObject({
      verdict: 'block',
      service: 'google',
    });
  });

  it('gives short plain-text evidence, never markup', () => {
    const body = `<html><head><title>App unavailable in region | Claude</title></head><body>${'<p>x</p>'.repeat(500)}</body></html>`;
    const verdict = classifyObservation({
      url: 'https://claude.com/app-unavailable-in-region',
      status: 200,
      body,
    });
    expect(verdict.verdict).toBe('block');
    expect(verdict.evidence.length).toBeLessThanOrEqual(300);
    expect(verdict.evidence).not.toMatch(/[<>]/);
    expect(verdict.evidence).toContain('App unavailable in region');
  });

  it('captures the country a Cloudflare 1009 page names, and names a known host’s service', () => {
    const body =
      'The owner of this website (openrouter.ai) has banned the country or region your IP address is in (IR)';
    expect(classifyObservation({ url: 'https://openrouter.ai/', status: 403, body })).toMatchObject({
      verdict: 'block',
      service: 'openrouter',
      ruleId: 'cloudflare-1009-country-banned',
      country: 'IR',
    });
    expect(classifyObservation({ url: 'https://shop.example/', status: 403, body })).toMatchObject({
      service: 'cloudflare',
      product: 'country-ban',
    });
  });

  it('reads the JSON embedded in a log line, and only the shape it names', () => {
    const forbidden =
      'API Error: 403 {"type":"error","error":{"type":"forbidden","message":"Request not allowed"}}';
    expect(classifyObservation({ body: forbidden })).toMatchObject({
      verdict: 'block',
      service: 'anthropic',
    });
    const permission = forbidden.replace('"forbidden"', '"permission_error"');
    expect(classifyObservation({ body: permission }).verdict).toBe('clean');
    expect(classifyObservation({ body: 'API Error: 403 {not json, Request not allowed}' }).verdict).toBe(
      'clean',
    );
  });

  it('reads an error object printed without its envelope as the envelope’s error, and only then', () => {
    // Continue's error report prints Anthropic's inner error object alone.
    const report =
      'Provider: anthropic\nStatus Code: 403\n\n**Error Output**\n```\n{"type":"forbidden","message":"Request not allowed"}\n```';
    expect(classifyObservation({ body: report })).toMatchObject({ verdict: 'block', service: 'anthropic' });
    expect(classifyObservation({ body: report.replace('"forbidden"', '"permission_error"') }).verdict).toBe(
      'clean',
    );
    // A root that has an `error` key of its own is an envelope: its other keys are not the error.
    const enveloped =
      '{"error":{"type":"invalid_request_error"},"type":"forbidden","message":"Request not allowed"}';
    expect(classifyObservation({ body: enveloped }).verdict).toBe('clean');
  });
});

describe('plainExcerpt', () => {
  it('drops tags and entities and caps the length', () => {
    expect(plainExcerpt('<b>isn&rsquo;t</b>&nbsp;here')).toBe("isn't here");
    expect(plainExcerpt('a'.repeat(400))).toHaveLength(300);
  });

  it('drops style sheets and scripts, whole or cut off by the excerpt', () => {
    expect(
      plainExcerpt(
        '<title>App unavailable in region | Claude</title><style>body{font-family:system-ui}</style><h1>App unavailable</h1><script>var a=1</script>',
      ),
    ).toBe('App unavailable in region | Claude App unavailable');
    expect(plainExcerpt('ily:system-ui;margin:2rem}</style><p>Not available in your region</p>')).toBe(
      'Not available in your region',
    );
    expect(plainExcerpt('<p>Not available here</p><script>track("x"')).toBe('Not available here');
  });
});

describe('JSON in a long log', () => {
  it('finds the error object on its own line even when other lines hold braces', () => {
    const log = [
      'starting {config: loaded}',
      '{"level":"info","msg":"request sent"}',
      'API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"}}',
      'done }',
    ].join('\n');
    expect(classifyObservation({ body: log })).toMatchObject({ verdict: 'block', service: 'anthropic' });
  });
});

describe('keyword length', () => {
  it('keeps every keyword long enough for the automaton to skip ahead (see ARCHITECTURE: The engine)', () => {
    for (const kind of ['response', 'page', 'text'] as const) {
      const short = builtInRules()
        .matcher(kind)
        .automaton.keywords.filter((keyword) => keyword.length < 11);
      expect(short, kind).toEqual([]);
    }
  });
});
