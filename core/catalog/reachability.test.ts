/**
 * "Check now" against a real HTTP server on 127.0.0.1 that plays the services' hosts. The fetch
 * given to checkReachability rewrites `https://<host>/<path>` to `http://127.0.0.1:<port>/<host>/<path>`
 * and reports the original URLs back, so redirects and final URLs look as they would in a browser.
 * Block bodies are the verbatim fixtures of reference/block-signatures.json.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fixtures from '../../reference/block-signatures.json';
import { checkReachability, type FetchLike } from './reachability';

const fixture = (id: string): { body: string; http_status: number | null } => {
  const f = (fixtures as Array<{ id: string; body: string; http_status: number | null }>).find(
    (x) => x.id === id,
  );
  if (!f) throw new Error(`no fixture ${id}`);
  return f;
};

type Route = (res: import('node:http').ServerResponse) => void;
const text =
  (status: number, body: string, headers: Record<string, string> = {}): Route =>
  (res) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  };
const redirect =
  (to: string): Route =>
  (res) => {
    res.writeHead(302, { location: to });
    res.end();
  };
const trace = (loc: string) =>
  text(200, `fl=1f\nh=x\nip=203.0.113.7\nts=1764000000\ncolo=NRT\nhttp=http/2\nloc=${loc}\ntls=TLSv1.3\n`);

let server: Server;
let origin: string;
let routes: Record<string, Route> = {};
const requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else text(404, 'not here')(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  routes = {};
  requests.length = 0;
  inits.length = 0;
});

const inits: RequestInit[] = [];
/** A fetch that sends every https request to the local server and maps URLs back. */
const localFetch: FetchLike = async (url, init) => {
  inits.push(init);
  const u = new URL(url);
  if (u.protocol !== 'https:') throw new TypeError('the check must only use https');
  const response = await fetch(`${origin}/${u.host}${u.pathname}${u.search}`, init);
  const local = new URL(response.url);
  const [, host, ...rest] = local.pathname.split('/');
  Object.defineProperty(response, 'url', { value: `https://${host}/${rest.join('/')}${local.search}` });
  return response;
};

const NOW = 1_764_000_000_000;
const deps = { fetch: localFetch, now: () => NOW };

describe('checkReachability', () => {
  it('reports OpenAI blocked with the rule, and the exit country from chatgpt.com/cdn-cgi/trace', async () => {
    const f = fixture('openai-api-403-unsupported-country-region-territory');
    routes = {
      '/api.openai.com/compliance/cookie_requirements': text(403, f.body, {
        'content-type': 'application/json',
      }),
      '/chatgpt.com/cdn-cgi/trace': trace('CN'),
    };
    const report = await checkReachability('openai', deps);
    expect(report).toMatchObject({
      service: 'openai',
      checkedAt: NOW,
      status: 'blocked',
      exitCountry: 'CN',
      reason: null,
    });
    expect(report.ruleId).toBe('openai-unsupported-country-region-territory');
    expect(report.evidence.length).toBeGreaterThan(0);
    expect(report.evidence.length).toBeLessThanOrEqual(300);
  });

  it('reports OpenAI reachable when the probe answers normally', async () => {
    const f = fixture('neg-openai-cookie-requirements-200');
    routes = {
      '/api.openai.com/compliance/cookie_requirements': text(200, f.body, {
        'content-type': 'application/json',
      }),
      '/chatgpt.com/cdn-cgi/trace': trace('JP'),
    };
    expect(await checkReachability('openai', deps)).toEqual({
      service: 'openai',
      checkedAt: NOW,
      status: 'reachable',
      ruleId: null,
      evidence: '',
      exitCountry: 'JP',
      reason: null,
    });
  });

  it('follows Claude redirects to the region page and reports the block', async () => {
    routes = {
      '/claude.ai/': redirect('/www.anthropic.com/app-unavailable-in-region'),
      '/www.anthropic.com/app-unavailable-in-region': text(
        200,
        fixture('claude-web-app-unavailable-2024').body,
      ),
      '/claude.ai/cdn-cgi/trace': trace('HK'),
    };
    const report = await checkReachability('anthropic', deps);
    expect(report).toMatchObject({
      status: 'blocked',
      ruleId: 'claude-app-unavailable-in-region',
      exitCountry: 'HK',
    });
    expect(requests.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/claude.ai/',
        '/www.anthropic.com/app-unavailable-in-region',
        '/claude.ai/cdn-cgi/trace',
      ]),
    );
  });

  it('reports Claude reachable when claude.ai answers with its app', async () => {
    routes = {
      '/claude.ai/': text(
        200,
        '<!doctype html><html><head><title>Claude</title></head><body><div id="root"></div></body></html>',
      ),
      '/claude.ai/cdn-cgi/trace': trace('JP'),
    };
    expect(await checkReachability('anthropic', deps)).toMatchObject({
      status: 'reachable',
      exitCountry: 'JP',
    });
  });

  it('reads the region Gemini embeds in its page (alpha-3 → alpha-2)', async () => {
    routes = {
      '/gemini.google.com/': text(
        200,
        '<html><script>[null,"45631641,null,true",2,1,200,"JPN"]</script></html>',
      ),
    };
    expect(await checkReachability('google', deps)).toMatchObject({ status: 'reachable', exitCountry: 'JP' });
  });

  it('reports the Gemini "not supported in your country" page as blocked', async () => {
    routes = {
      '/gemini.google.com/': text(200, fixture('gemini-web-not-supported-country-stay-tuned').body),
    };
    expect(await checkReachability('google', deps)).toMatchObject({
      status: 'blocked',
      ruleId: 'gemini-web-not-supported-in-country',
    });
  });

  it('sends no cookies or credentials and asks only the service’s own hosts', async () => {
    routes = {
      '/api.openai.com/compliance/cookie_requirements': text(200, '{"cookie_consent_required":true}'),
      '/chatgpt.com/cdn-cgi/trace': trace('JP'),
    };
    await checkReachability('openai', deps);
    expect(inits.length).toBe(2);
    for (const init of inits) {
      expect(init.credentials).toBe('omit');
      expect(init.redirect).toBe('follow');
      expect(init.signal).toBeInstanceOf(AbortSignal);
    }
    for (const r of requests) {
      expect(r.headers.cookie).toBeUndefined();
      expect(r.path.split('/')[1]).toMatch(/^(api\.openai\.com|chatgpt\.com)$/);
    }
  });

  it('is unknown with a timeout reason when a probe does not answer in time', async () => {
    routes = {
      '/claude.ai/': () => {
        /* never answers */
      },
      '/claude.ai/cdn-cgi/trace': trace('JP'),
    };
    const started = Date.now();
    const report = await checkReachability('anthropic', { ...deps, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    // An unknown report keeps the exit country the trace found, and carries nothing else.
    expect(report).toEqual({
      service: 'anthropic',
      checkedAt: NOW,
      status: 'unknown',
      ruleId: null,
      evidence: '',
      exitCountry: 'JP',
      reason: 'checkTimeout',
    });
  });

  it('is unknown with a network-error reason when nothing listens', async () => {
    const closed: FetchLike = (url, init) =>
      fetch(url.replace(/^https:\/\/[^/]+/, 'http://127.0.0.1:9'), init);
    const report = await checkReachability('anthropic', { fetch: closed, now: () => NOW });
    expect(report).toMatchObject({ status: 'unknown', reason: 'checkNetworkError', exitCountry: null });
  });

  it('is unknown when the answer is neither normal nor a known block', async () => {
    routes = { '/gemini.google.com/': text(500, 'internal error') };
    expect(await checkReachability('google', deps)).toMatchObject({
      status: 'unknown',
      reason: 'checkUnexpectedAnswer',
    });
  });

  it('keeps the exit country unknown when the trace is garbage, an HTML page or Tor', async () => {
    const page = '<!DOCTYPE html><html><body>loc=US</body></html>';
    for (const body of [page, 'nonsense', 'ip=1.2.3.4\nloc=T1\n']) {
      routes = {
        '/claude.ai/': text(200, '<html>Claude</html>'),
        '/claude.ai/cdn-cgi/trace': text(200, body),
      };
      expect((await checkReachability('anthropic', deps)).exitCountry).toBeNull();
    }
  });

  it('reads only the first megabyte of a huge page', async () => {
    const huge = `<html>${'x'.repeat(8 * 1024 * 1024)}</html>`;
    routes = { '/claude.ai/': text(200, huge), '/claude.ai/cdn-cgi/trace': trace('JP') };
    const started = Date.now();
    expect(await checkReachability('anthropic', deps)).toMatchObject({ status: 'reachable' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('says there is no probe for services without one, and asks nothing', async () => {
    expect(await checkReachability('github-copilot', deps)).toEqual({
      service: 'github-copilot',
      checkedAt: NOW,
      status: 'unknown',
      ruleId: null,
      evidence: '',
      exitCountry: null,
      reason: 'checkNoProbe',
    });
    expect(requests).toHaveLength(0);
  });
});
