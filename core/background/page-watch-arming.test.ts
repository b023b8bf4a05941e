import { describe, expect, it } from 'vitest';
import { PageWatchArming } from './page-watch-arming';

describe('PageWatchArming (background)', () => {
  function arming() {
    let now = 1_000_000;
    const sent: Array<[number, string]> = [];
    const a = new PageWatchArming({
      send: async (tabId, reason) => {
        sent.push([tabId, reason]);
      },
      now: () => now,
    });
    return { a, sent, later: (ms: number) => (now += ms) };
  }

  it('arms the tab on an HTTP error or a network failure of a request from the page, once per second', () => {
    const { a, sent, later } = arming();
    a.completed({ tabId: 3, type: 'xmlhttprequest', statusCode: 403 });
    a.completed({ tabId: 3, type: 'xmlhttprequest', statusCode: 500 });
    expect(sent).toEqual([[3, 'failedRequest']]);
    later(1_000);
    a.failed({ tabId: 3, type: 'xmlhttprequest', error: 'net::ERR_CONNECTION_RESET' });
    a.routeChanged(3);
    expect(sent).toEqual([
      [3, 'failedRequest'],
      [3, 'failedRequest'],
      [3, 'route'],
    ]);
  });

  it('ignores success, main frames (a new document starts its own window), images and other resources, cancellations and tab-less requests', () => {
    const { a, sent } = arming();
    a.completed({ tabId: 3, type: 'xmlhttprequest', statusCode: 200 });
    a.completed({ tabId: 3, type: 'main_frame', statusCode: 403 });
    a.completed({ tabId: -1, type: 'xmlhttprequest', statusCode: 403 });
    a.completed({ tabId: 3, type: 'image', statusCode: 404 });
    a.completed({ tabId: 3, type: 'other', statusCode: 404 });
    a.failed({ tabId: 3, type: 'xmlhttprequest', error: 'net::ERR_ABORTED' });
    a.failed({ tabId: 3, type: 'xmlhttprequest', error: 'NS_BINDING_ABORTED' });
    expect(sent).toEqual([]);
  });

  it('a tab without a content script (the send rejects) changes nothing', async () => {
    const a = new PageWatchArming({ send: () => Promise.reject(new Error('no receiver')) });
    expect(() => a.completed({ tabId: 9, type: 'xmlhttprequest', statusCode: 451 })).not.toThrow();
    await Promise.resolve();
  });
});
