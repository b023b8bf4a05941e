/**
 * A service that cannot be reached from this network, in real Firefox ESR with the production
 * build (the scenario: unreachable.suite.ts), through the loopback CONNECT proxy to the stand-in.
 * chatgpt.com does not resolve: the proxy answers its CONNECT as a proxy whose DNS lookup failed
 * (404, which Firefox turns into NS_ERROR_UNKNOWN_HOST; test/stand-in/connect-proxy.ts cites
 * where) until the test lifts it. chat.openai.com is refused (503, NS_ERROR_CONNECTION_REFUSED).
 * A second temporary add-on cancels gemini.google.com with webRequest (NS_ERROR_ABORT). In the
 * second launch the stand-in closes every connection without an answer (NS_ERROR_NET_RESET).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFirefox } from './browsers';
import { describeUnreachable } from './unreachable.suite';

/** A temporary MV2 add-on that cancels gemini.google.com's pages (Firefox: NS_ERROR_ABORT). */
function blockerAddon(): string {
  const dir = mkdtempSync(join(tmpdir(), 'detour-ff-blocker-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 2,
      name: 'Test blocker',
      version: '1.0',
      permissions: ['webRequest', 'webRequestBlocking', 'https://gemini.google.com/*'],
      background: { scripts: ['background.js'] },
    }),
  );
  writeFileSync(
    join(dir, 'background.js'),
    `browser.webRequest.onBeforeRequest.addListener(() => ({ cancel: true }),
      { urls: ['https://gemini.google.com/*'], types: ['main_frame'] }, ['blocking']);`,
  );
  return dir;
}

describeUnreachable({
  browser: 'firefox',
  blockedTabKeepsUrl: false,
  names: {
    chatgpt: 'NS_ERROR_UNKNOWN_HOST',
    chatOpenai: 'NS_ERROR_CONNECTION_REFUSED',
    allFailing: 'NS_ERROR_NET_RESET',
  },
  async launchCutOff(standIn) {
    const blocker = blockerAddon();
    const detour = await launchFirefox({
      standIn,
      failures: new Map([
        ['chatgpt.com', 'unresolved'],
        ['chat.openai.com', 'refuse'],
      ]),
      otherExtensions: [blocker],
    });
    return {
      detour,
      // The proxy reads its failures at each new connection.
      recover: async () => void detour.failures.delete('chatgpt.com'),
      async close() {
        await detour.close();
        rmSync(blocker, { recursive: true, force: true });
      },
    };
  },
  allFailingStandIn: { extraRoutes: () => ({ status: 0, reset: true }) },
  async launchAllFailing(standIn) {
    const detour = await launchFirefox({ standIn });
    return { detour, recover: async () => {}, close: () => detour.close() };
  },
});
