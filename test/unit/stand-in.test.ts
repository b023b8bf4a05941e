// The stand-in the e2e tests and the demo stand on: it must serve the fixtures' real messages
// at the right host names, only on loopback, and log what it served.
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, STAND_IN_API_KEYS } from '../stand-in/pages';
import { type StandIn, startStandIn } from '../stand-in/server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let standIn: StandIn;

function ask(host: string, path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: standIn.port,
        path,
        method: init.method ?? 'GET',
        servername: host,
        headers: { host, ...init.headers },
        rejectUnauthorized: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  standIn = await startStandIn({ port: 0, traceLoc: 'JP' });
});
afterAll(async () => {
  await standIn.close();
});

describe('stand-in', () => {
  it('serves ChatGPT’s block page as the fixture says: 403, its text escaped into HTML', async () => {
    const answer = await ask('chatgpt.com', '/?q=1');
    const fixture = standIn.signatures.chatgptBlockPage;
    expect(answer.status).toBe(fixture.http_status);
    for (const line of fixture.body.split('\n')) expect(answer.body).toContain(escapeHtml(line));
  });

  it('switches chatgpt.com to the Cloudflare challenge with its cf-mitigated header', async () => {
    standIn.setMode('chatgpt.com', 'challenge');
    const answer = await ask('chatgpt.com', '/');
    standIn.setMode('chatgpt.com', 'blocked');
    expect(answer.status).toBe(403);
    expect(answer.headers['cf-mitigated']).toBe('challenge');
    expect(answer.body).toBe(standIn.signatures.chatgptChallenge.body);
  });

  it('answers the OpenAI API by key: region 403 for any key, 429 and 401 for the stand-in’s keys', async () => {
    const call = (key: string) =>
      ask('api.openai.com', '/v1/chat/completions', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, origin: 'https://platform.openai.com' },
      });
    const region = await call('sk-anything');
    expect(region.status).toBe(403);
    expect(region.body).toBe(standIn.signatures.openaiRegion403.body);
    expect(region.headers['access-control-allow-origin']).toBe('https://platform.openai.com');
    expect((await call(STAND_IN_API_KEYS.quota)).status).toBe(429);
    expect((await call(STAND_IN_API_KEYS['invalid-key'])).status).toBe(401);
  });

  it('grants CORS only to the pages that really call the API from a browser', async () => {
    const preflight = await ask('api.openai.com', '/v1/chat/completions', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('redirects claude.ai to the fixture’s Location, which serves the real page text', async () => {
    const redirect = await ask('claude.ai', '/chat');
    expect(redirect.status).toBe(302);
    const target = new URL(String(redirect.headers.location));
    expect(target.href).toBe(standIn.signatures.claudeRedirect.headers.location);
    const page = await ask(target.hostname, target.pathname);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>App unavailable in region | Claude</title>');
    expect(page.body).toContain('Unfortunately, Claude is only available in certain regions right now.');
  });

  it('answers /cdn-cgi/trace with the chosen loc, or without a loc line', async () => {
    expect((await ask('claude.ai', '/cdn-cgi/trace')).body).toMatch(/^loc=JP$/m);
    standIn.setTraceLoc(null);
    expect((await ask('chatgpt.com', '/cdn-cgi/trace')).body).not.toMatch(/^loc=/m);
    standIn.setTraceLoc('JP');
  });

  it('logs what it served, with the query kept apart from the path', async () => {
    standIn.clearRequests();
    await ask('gemini.google.com', '/app?hl=en');
    expect(standIn.requestsTo('gemini.google.com')).toMatchObject([
      { method: 'GET', path: '/app', query: '?hl=en', status: 200, hadCookie: false },
    ]);
  });

  it('answers unknown host names with 404 and maps nothing but its own hosts', async () => {
    expect((await ask('example.org', '/')).status).toBe(404);
    const rules = standIn.hostResolverRules();
    for (const host of standIn.hosts) expect(rules).toContain(`MAP ${host} 127.0.0.1:${standIn.port}`);
    expect(rules).toContain('MAP * ~NOTFOUND');
  });
});
