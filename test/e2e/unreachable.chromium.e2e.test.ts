/**
 * A service that cannot be reached from this network, in real Chromium with the production build
 * (the scenario: unreachable.suite.ts). `--host-resolver-rules` gives each host its fate:
 * chatgpt.com goes to a loopback port where nothing listens (ERR_CONNECTION_REFUSED) until the
 * test opens it (the network recovers), chat.openai.com does not resolve (ERR_NAME_NOT_RESOLVED),
 * and a second unpacked extension blocks gemini.google.com with declarativeNetRequest
 * (ERR_BLOCKED_BY_CLIENT). In the second launch no name resolves.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './browsers';
import { describeUnreachable } from './unreachable.suite';

/** A loopback port with nothing listening on it (yet). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** An unpacked MV3 extension whose one static rule blocks gemini.google.com's pages. */
function blockerExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'detour-blocker-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Test blocker',
      version: '1.0',
      permissions: ['declarativeNetRequest'],
      declarative_net_request: { rule_resources: [{ id: 'block', enabled: true, path: 'rules.json' }] },
    }),
  );
  writeFileSync(
    join(dir, 'rules.json'),
    JSON.stringify([
      {
        id: 1,
        priority: 1,
        action: { type: 'block' },
        condition: { urlFilter: '||gemini.google.com^', resourceTypes: ['main_frame'] },
      },
    ]),
  );
  return dir;
}

describeUnreachable({
  browser: 'chromium',
  blockedTabKeepsUrl: true,
  names: {
    chatgpt: 'ERR_CONNECTION_REFUSED',
    chatOpenai: 'ERR_NAME_NOT_RESOLVED',
    allFailing: 'ERR_NAME_NOT_RESOLVED',
  },
  async launchCutOff(standIn) {
    const closedPort = await freePort();
    const blocker = blockerExtension();
    let forwarder: Server | null = null;
    const detour = await launchChromium({
      standIn,
      hostRulesFirst: [`MAP chatgpt.com 127.0.0.1:${closedPort}`, 'MAP chat.openai.com ~NOTFOUND'],
      otherExtensions: [blocker],
    });
    return {
      detour,
      async recover() {
        // The closed port opens: chatgpt.com now reaches the stand-in.
        const server = createServer((socket) => {
          const upstream = tcpConnect(standIn.port, '127.0.0.1');
          socket.pipe(upstream).pipe(socket);
          socket.on('error', () => upstream.destroy());
          upstream.on('error', () => socket.destroy());
        });
        forwarder = server;
        await new Promise<void>((done) => server.listen(closedPort, '127.0.0.1', done));
      },
      async close() {
        await detour.close();
        forwarder?.close();
        rmSync(blocker, { recursive: true, force: true });
      },
    };
  },
  async launchAllFailing(standIn) {
    const detour = await launchChromium({
      standIn,
      hostRules: 'MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    });
    return { detour, recover: async () => {}, close: () => detour.close() };
  },
});
