import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGIONS } from '../regions/regions';
import { CATALOG } from './catalog';
import { fetchCatalogUpdate, MAX_UPDATE_BYTES, validateCatalogUpdate } from './update';

const current = { platforms: CATALOG, regions: REGIONS };
const newerPlatforms = () => ({ ...structuredClone(CATALOG), version: CATALOG.version + 1 });
const newerRegions = () => ({ ...structuredClone(REGIONS), version: REGIONS.version + 1 });
const doc = (body: object) => JSON.stringify({ kind: 'detour-catalog-update', ...body });

describe('validateCatalogUpdate', () => {
  it('accepts newer, valid platforms and regions', () => {
    const result = validateCatalogUpdate(
      doc({ platforms: newerPlatforms(), regions: newerRegions() }),
      current,
    );
    expect(result.ok).toBe(true);
    expect(result.ok && result.platforms?.version).toBe(CATALOG.version + 1);
    expect(result.ok && result.regions?.version).toBe(REGIONS.version + 1);
  });

  it('accepts either part alone', () => {
    expect(validateCatalogUpdate(doc({ regions: newerRegions() }), current)).toMatchObject({ ok: true });
    expect(validateCatalogUpdate(doc({ platforms: newerPlatforms() }), current)).toMatchObject({ ok: true });
  });

  it('refuses the same or an older version', () => {
    expect(validateCatalogUpdate(doc({ platforms: CATALOG }), current)).toMatchObject({
      ok: false,
      reason: 'updateNotNewer',
    });
    const older = { ...structuredClone(REGIONS), version: REGIONS.version };
    const r = validateCatalogUpdate(doc({ regions: older }), current);
    expect(r).toMatchObject({ ok: false, reason: 'updateNotNewer' });
    expect(!r.ok && r.detail).toMatch(/regions version 1 is not newer than 1/);
  });

  it('refuses http URLs, with the path of the problem', () => {
    const p = newerPlatforms();
    (p.platforms[1] as { urls: { pricing?: { value: string } } }).urls.pricing = {
      ...p.platforms[1]?.urls.pricing,
      value: 'http://cloud.baidu.com/pricing',
    } as never;
    const r = validateCatalogUpdate(doc({ platforms: p }), current);
    expect(r).toMatchObject({ ok: false, reason: 'updateInvalid' });
    expect(!r.ok && r.detail).toMatch(/platforms\.platforms\.1\.urls\.pricing\.value/);

    const remote = newerPlatforms();
    const ollama = remote.platforms.find((x) => x.id === 'ollama');
    if (ollama?.api.baseUrls[0]) ollama.api.baseUrls[0].value = 'http://evil.example/v1';
    expect(validateCatalogUpdate(doc({ platforms: remote }), current)).toMatchObject({
      reason: 'updateInvalid',
    });
  });

  it('refuses a region list with a code that is not alpha-2, or without a source', () => {
    const r = newerRegions();
    r.lists[0]?.regions.push('CHN');
    expect(validateCatalogUpdate(doc({ regions: r }), current)).toMatchObject({ reason: 'updateInvalid' });
    const s = newerRegions();
    delete (s.lists[0] as { source?: string }).source;
    expect(validateCatalogUpdate(doc({ regions: s }), current)).toMatchObject({ reason: 'updateInvalid' });
  });

  it('refuses what is not JSON, not an update, empty, or too large', () => {
    expect(validateCatalogUpdate('<html>', current)).toMatchObject({ reason: 'updateNotJson' });
    expect(validateCatalogUpdate('{"kind":"something-else"}', current)).toMatchObject({
      reason: 'updateInvalid',
    });
    expect(validateCatalogUpdate(doc({}), current)).toMatchObject({ reason: 'updateInvalid' });
    expect(validateCatalogUpdate(JSON.stringify(CATALOG), current)).toMatchObject({
      reason: 'updateInvalid',
    });
    const big = doc({ platforms: newerPlatforms(), padding: 'x'.repeat(MAX_UPDATE_BYTES) });
    expect(validateCatalogUpdate(big, current)).toMatchObject({ reason: 'updateTooLarge' });
  });

  it('ignores executable-looking content: it is only ever data', () => {
    const text = doc({ platforms: newerPlatforms() }).replace(
      '"kind"',
      '"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"script":"alert(1)","kind"',
    );
    const r = validateCatalogUpdate(text, current);
    expect(r.ok).toBe(true);
    expect(r.ok && Object.keys(r)).toEqual(['ok', 'platforms']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('fetchCatalogUpdate', () => {
  let server: Server;
  let origin: string;
  const seen: Array<{ url: string; cookie?: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', cookie: req.headers.cookie });
      if (req.url === '/ok') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(doc({ regions: newerRegions() }));
      } else if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('x'.repeat(MAX_UPDATE_BYTES + 10));
      } else if (req.url === '/slow') {
        // never answers
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Maps https://updates.test/<path> to the local server (tests never leave loopback). */
  const inits: RequestInit[] = [];
  const local = async (url: string, init: RequestInit) => {
    inits.push(init);
    const response = await fetch(url.replace('https://updates.test', origin), init);
    Object.defineProperty(response, 'url', { value: url });
    return response;
  };

  it('fetches without credentials and the result validates', async () => {
    const r = await fetchCatalogUpdate('https://updates.test/ok', { fetch: local });
    expect(r.ok).toBe(true);
    expect(inits.at(-1)?.credentials).toBe('omit');
    expect(seen.at(-1)?.cookie).toBeUndefined();
    expect(r.ok && validateCatalogUpdate(r.text, current)).toMatchObject({ ok: true });
  });

  it('refuses http and non-URLs without asking anyone', async () => {
    const before = seen.length;
    expect(await fetchCatalogUpdate(`${origin}/ok`, { fetch: local })).toMatchObject({
      reason: 'updateNotHttps',
    });
    expect(await fetchCatalogUpdate('not a url', { fetch: local })).toMatchObject({
      reason: 'updateNotHttps',
    });
    expect(seen.length).toBe(before);
  });

  it('stops at the size limit, on HTTP errors and on timeouts', async () => {
    expect(await fetchCatalogUpdate('https://updates.test/huge', { fetch: local })).toMatchObject({
      reason: 'updateTooLarge',
    });
    expect(await fetchCatalogUpdate('https://updates.test/missing', { fetch: local })).toMatchObject({
      reason: 'updateHttpError',
      detail: 'HTTP 404',
    });
    expect(
      await fetchCatalogUpdate('https://updates.test/slow', { fetch: local, timeoutMs: 200 }),
    ).toMatchObject({
      reason: 'updateTimeout',
    });
  });
});
