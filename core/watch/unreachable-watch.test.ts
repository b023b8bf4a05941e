/** When failed requests to a service's hosts mean it cannot be reached from this network. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  OTHER_SITES_WINDOW_MS,
  PENDING_MS,
  type RequestFailure,
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
  it('counts a page that failed while another site loads, with the error names per host', () => {
    const { w, seen, otherSiteLoads } = watch();
    otherSiteLoads();
    clock += 1_000;
    w.failed(pageFailure('net::ERR_CONNECTION_REFUSED'));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ owner: OPENAI, tabId: 1, tabUrl: 'https://chatgpt.com/' });
    expect(seen[0]?.errors).toEqual(['chatgpt.com: ERR_CONNECTION_REFUSED']);
  });

  it('waits for another site: a success within 2 minutes counts the failure, later does not', () => {
    const a = watch();
    a.w.failed(pageFailure('NS_ERROR_UNKNOWN_HOST'));
    expect(a.seen).toHaveLength(0);
    clock += 30_000;
    a.otherSiteLoads();
    expect(a.seen).toHaveLength(1);
    expect(a.seen[0]?.errors).toEqual(['chatgpt.com: NS_ERROR_UNKNOWN_HOST']);

    const b = watch();
    b.w.failed(pageFailure('net::ERR_NAME_NOT_RESOLVED'));
    clock += PENDING_MS + 1;
    b.otherSiteLoads();
    expect(b.seen).toHaveLength(0);
  });

  it('gives nothing when every host fails: no success anywhere is no evidence that other sites load', () => {
    const { w, seen } = watch();
    w.failed(pageFailure('net::ERR_NAME_NOT_RESOLVED'));
    w.failed({ ...pageFailure('net::ERR_NAME_NOT_RESOLVED', 'https://claude.ai/', 2), owner: ANTHROPIC });
    w.failed(apiFailure('net::ERR_NAME_NOT_RESOLVED'));
    clock += 10 * 60_000;
    expect(seen).toHaveLength(0);
  });

  it('a success of the same service is not another site, and an old success is not recent', () => {
    const a = watch();
    a.w.succeeded({ url: 'https://cdn.oaistatic.com/x.js', service: 'openai', mainFrame: false, tabId: 1 });
    a.w.failed(pageFailure('net::ERR_CONNECTION_RESET'));
    expect(a.seen).toHaveLength(0);

    const b = watch();
    b.otherSiteLoads();
    clock += OTHER_SITES_WINDOW_MS + 1;
    b.w.failed(pageFailure('net::ERR_CONNECTION_RESET'));
    expect(b.seen).toHaveLength(0);
  });

  it('ignores aborts, blocks by the client, offline errors and an offline browser', () => {
    const { w, seen, otherSiteLoads } = watch();
    otherSiteLoads();
    for (const e of [
      'net::ERR_ABORTED',
      'NS_BINDING_ABORTED',
      'net::ERR_BLOCKED_BY_CLIENT',
      'NS_ERROR_ABORT',
    ])
      w.failed(pageFailure(e));
    w.failed(pageFailure('net::ERR_INTERNET_DISCONNECTED'));
    expect(seen).toHaveLength(0);

    const offline = watch(false);
    offline.otherSiteLoads();
    offline.w.failed(pageFailure('net::ERR_CONNECTION_REFUSED'));
    expect(offline.seen).toHaveLength(0);
  });

  it('an offline error drops a failure that was waiting for evidence', () => {
    const { w, seen, otherSiteLoads } = watch();
    w.failed(pageFailure('net::ERR_NAME_NOT_RESOLVED'));
    w.failed(apiFailure('net::ERR_NETWORK_CHANGED'));
    otherSiteLoads();
    expect(seen).toHaveLength(0);
  });

  it('one flaky API request is not enough; three within a minute are', () => {
    const { w, seen, otherSiteLoads } = watch();
    otherSiteLoads();
    w.failed(apiFailure('net::ERR_CONNECTION_RESET'));
    clock += 61_000;
    w.failed(apiFailure('net::ERR_CONNECTION_RESET'));
    clock += 1_000;
    w.failed(apiFailure('net::ERR_CONNECTION_RESET'));
    expect(seen).toHaveLength(0);
    clock += 1_000;
    w.failed(apiFailure('NS_ERROR_NET_TIMEOUT'));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.errors).toEqual([
      'api.openai.com: ERR_CONNECTION_RESET',
      'api.openai.com: NS_ERROR_NET_TIMEOUT',
    ]);
  });

  it('a page of the service that loads is the recovery', () => {
    const { w, recovered } = watch();
    w.succeeded({ url: 'https://chatgpt.com/', service: 'openai', mainFrame: true, tabId: 1 });
    expect(recovered).toEqual(['openai']);
  });
});
