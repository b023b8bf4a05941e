/** When failed requests to a service's hosts mean it cannot be reached from this network. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  OTHER_SITES_WINDOW_MS,
  PENDING_MS,
  type RequestFailure,
  successMemoryIn,
  type UnreachableSighting,
  UnreachableWatch,
} from './unreachable-watch';

const OPENAI = { service: 'openai', product: 'chatgpt' };
const ANTHROPIC = { service: 'anthropic', product: 'claude' };

let clock: number;

const pageFailure = (error: string, url = 'https://chatgpt.com/', tabId = 1): RequestFailure => ({
  url,
  tabId,
  mainFrame: true,
  error,
  owner: OPENAI,
  tabUrl: url,
});
const apiFailure = (error: string): RequestFailure => ({
  url: 'https://api.openai.com/v1/models?key=x',
  tabId: 1,
  mainFrame: false,
  error,
  owner: OPENAI,
});

function watch(online = true) {
  const seen: UnreachableSighting[] = [];
  const recovered: string[] = [];
  const w = new UnreachableWatch({
    now: () => clock,
    online: () => online,
    onUnreachable: (s) => seen.push(s),
    onRecovered: (service) => recovered.push(service),
  });
  const otherSiteLoads = () =>
    w.succeeded({ url: 'https://claude.ai/', service: 'anthropic', mainFrame: true, tabId: 9 });
  return { w, seen, recovered, otherSiteLoads };
}

beforeEach(() => {
  clock = new Date(2026, 11, 5, 10, 0, 0).getTime();
});

describe('UnreachableWatch', () => {
  it('counts a page that failed while another site loads, with the error names per host', async () => {
    const { w, seen, otherSiteLoads } = watch();
    await otherSiteLoads();
    clock += 1_000;
    await w.failed(pageFailure('net::ERR_CONNECTION_REFUSED'));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ owner: OPENAI, tabId: 1, tabUrl: 'https://chatgpt.com/' });
    expect(seen[0]?.errors).toEqual(['chatgpt.com: ERR_CONNECTION_REFUSED']);
  });

  it('waits for another site: a success within 2 minutes counts the failure, later does not', async () => {
    const a = watch();
    await a.w.failed(pageFailure('NS_ERROR_UNKNOWN_HOST'));
    expect(a.seen).toHaveLength(0);
    clock += 30_000;
    await a.otherSiteLoads();
    expect(a.seen).toHaveLength(1);
    expect(a.seen[0]?.errors).toEqual(['chatgpt.com: NS_ERROR_UNKNOWN_HOST']);

    const b = watch();
    await b.w.failed(pageFailure('net::ERR_NAME_NOT_RESOLVED'));
    clock += PENDING_MS + 1;
    await b.otherSiteLoads();
    expect(b.seen).toHaveLength(0);
  });

  it('gives nothing when every host fails: no success anywhere is no evidence that other sites load', async () => {
    const { w, seen } = watch();
    await w.failed(pageFailure('net::ERR_NAME_NOT_RESOLVED'));
    await w.failed({
      ...pageFailure('net::ERR_NAME_NOT_RESOLVED', 'https://claude.ai/', 2),
      owner: ANTHROPIC,
    });
    await w.failed(apiFailure('net::ERR_NAME_NOT_RESOLVED'));
    clock += 10 * 60_000;
    expect(seen).toHaveLength(0);
  });

  it('a success of the same service is not another site, and an old success is not recent', async () => {
    const a = watch();
    await a.w.succeeded({
      url: 'https://cdn.oaistatic.com/x.js',
      service: 'openai',
      mainFrame: false,
      tabId: 1,
    });
    await a.w.failed(pageFailure('net::ERR_CONNECTION_RESET'));
    expect(a.seen).toHaveLength(0);

    const b = watch();
    await b.otherSiteLoads();
    clock += OTHER_SITES_WINDOW_MS + 1;
    await b.w.failed(pageFailure('net::ERR_CONNECTION_RESET'));
    expect(b.seen).toHaveLength(0);
  });

  it('ignores aborts, blocks by the client, offline errors and an offline browser', async () => {
    const { w, seen, otherSiteLoads } = watch();
    await otherSiteLoads();
    for (const e of [
      'net::ERR_ABORTED',
      'NS_BINDING_ABORTED',
      'net::ERR_BLOCKED_BY_CLIENT',
      'NS_ERROR_ABORT',
    ])
      await w.failed(pageFailure(e));
    await w.failed(pageFailure('net::ERR_INTERNET_DISCONNECTED'));
    expect(seen).toHaveLength(0);

    const offline = watch(false);
    await offline.otherSiteLoads();
    await offline.w.failed(pageFailure('net::ERR_CONNECTION_REFUSED'));
    expect(offline.seen).toHaveLength(0);
  });

  it('an offline error drops a failure that was waiting for evidence', async () => {
    const { w, seen, otherSiteLoads } = watch();
    await w.failed(pageFailure('net::ERR_NAME_NOT_RESOLVED'));
    await w.failed(apiFailure('net::ERR_NETWORK_CHANGED'));
    await otherSiteLoads();
    expect(seen).toHaveLength(0);
  });

  it('one flaky API request is not enough; three within a minute are', async () => {
    const { w, seen, otherSiteLoads } = watch();
    await otherSiteLoads();
    await w.failed(apiFailure('net::ERR_CONNECTION_RESET'));
    clock += 61_000;
    await w.failed(apiFailure('net::ERR_CONNECTION_RESET'));
    clock += 1_000;
    await w.failed(apiFailure('net::ERR_CONNECTION_RESET'));
    expect(seen).toHaveLength(0);
    clock += 1_000;
    await w.failed(apiFailure('NS_ERROR_NET_TIMEOUT'));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.errors).toEqual([
      'api.openai.com: ERR_CONNECTION_RESET',
      'api.openai.com: NS_ERROR_NET_TIMEOUT',
    ]);
  });

  it("remembers another site's success across a restarted worker (storage.session)", async () => {
    const area = new Map<string, unknown>();
    const memory = successMemoryIn({
      get: async (keys) => Object.fromEntries(keys.filter((k) => area.has(k)).map((k) => [k, area.get(k)])),
      set: async (items) => {
        for (const [k, v] of Object.entries(items)) area.set(k, v);
      },
    });
    const before = new UnreachableWatch({ now: () => clock, memory, onUnreachable: () => {} });
    await before.succeeded({ url: 'https://claude.ai/', service: 'anthropic', mainFrame: true, tabId: 9 });
    await new Promise((done) => setTimeout(done, 0));

    clock += 60_000;
    const seen: UnreachableSighting[] = [];
    const after = new UnreachableWatch({ now: () => clock, memory, onUnreachable: (x) => seen.push(x) });
    await after.failed(pageFailure('net::ERR_CONNECTION_RESET'));
    expect(seen).toHaveLength(1);

    // Garbage in storage is no evidence.
    area.set('unreachable.lastSuccess', { anthropic: 'yesterday' });
    const garbage: UnreachableSighting[] = [];
    const third = new UnreachableWatch({ now: () => clock, memory, onUnreachable: (x) => garbage.push(x) });
    await third.failed(pageFailure('net::ERR_CONNECTION_RESET'));
    expect(garbage).toHaveLength(0);
  });

  it('a page of the service that loads is the recovery', async () => {
    const { w, recovered } = watch();
    await w.succeeded({ url: 'https://chatgpt.com/', service: 'openai', mainFrame: true, tabId: 1 });
    expect(recovered).toEqual(['openai']);
  });
});
