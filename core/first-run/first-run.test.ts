import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openWelcomePageOnInstall } from './open-on-install';
import { opensWelcomePage } from './pages';

beforeEach(() => fakeBrowser.reset());

describe('the first-run page', () => {
  it('opens only on a first install', () => {
    expect(opensWelcomePage('install')).toBe(true);
    for (const reason of ['update', 'chrome_update', 'browser_update', 'shared_module_update']) {
      expect(opensWelcomePage(reason), reason).toBe(false);
    }
  });

  it('opens one tab at welcome.html when installed, none when updated', async () => {
    const urls = async () => (await fakeBrowser.tabs.query({})).map((t) => t.url);
    const before = await urls();
    openWelcomePageOnInstall();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    expect(await urls()).toEqual(before);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(await urls()).toEqual([...before, `chrome-extension://${fakeBrowser.runtime.id}/welcome.html`]);
  });
});
