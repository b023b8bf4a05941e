import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGIONS } from '../regions/regions';
import { fetchCatalogUpdate, MAX_UPDATE_BYTES } from './update';

const newerRegions = () => ({ ...structuredClone(REGIONS), version: REGIONS.version + 1 });
const doc = (body: object) => JSON.stringify({ kind: 'detour-catalog-update', ...body });

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

  it('fetches without credentials, the body as sent', async () => {
    const r = await fetchCatalogUpdate('https://updates.test/ok', { fetch: local });
    expect(r.ok).toBe(true);
    expect(inits.at(-1)?.credentials).toBe('omit');
    expect(seen.at(-1)?.cookie).toBeUndefined();
    expect(r.ok && r.text).toBe(doc({ regions: newerRegions() }));
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
