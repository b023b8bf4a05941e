/**
 * Signed data updates in a real browser (production build): the extension's own WebCrypto
 * verifies an Ed25519 signature made here with a throwaway key (and refuses a tampered message),
 * and a default build says it has no update address, uses its own data, and fetches nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, signText } from '../../core/data-updates/build-bundle';
import { base64ToBytes } from '../../core/data-updates/signature';
import { type StandIn, startStandIn } from '../stand-in/server';
import { type BrowserName, type DetourInBrowser, launchDetour, type TestPage } from './browsers';

export function describeDataUpdates(browser: BrowserName): void {
  describe(`signed data updates in ${browser}`, () => {
    let standIn: StandIn;
    let detour: DetourInBrowser;
    let page: TestPage;

    beforeAll(async () => {
      standIn = await startStandIn({ port: browser === 'firefox' ? 443 : 0 });
      detour = await launchDetour(browser, { standIn });
      page = await detour.openExtensionPage('options.html');
    });

    afterAll(async () => {
      await detour?.close();
      await standIn?.close();
    });

    it("the extension's WebCrypto verifies Ed25519, and refuses a changed message", async () => {
      const key = await generateSigningKey();
      const text = '{"kind":"detour-data"}\n';
      const { signature } = await signText(text, base64ToBytes(key.privateKey) as Uint8Array<ArrayBuffer>);
      const verify = (message: string) =>
        page.evaluate(
          async ({ publicKey, signature, message }) => {
            const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const k = await crypto.subtle.importKey('raw', bytes(publicKey), { name: 'Ed25519' }, false, [
              'verify',
            ]);
            return crypto.subtle.verify(
              { name: 'Ed25519' },
              k,
              bytes(signature),
              new TextEncoder().encode(message),
            );
          },
          { publicKey: key.publicKey, signature, message },
        );
      expect(await verify(text)).toBe(true);
      expect(await verify(text.replace('data', 'dota'))).toBe(false);
    });

    it('a default build uses its own data, has no update address, and fetches nothing', async () => {
      standIn.clearRequests();
      const status = await detour.send('dataStatus', {});
      expect(status).toMatchObject({
        source: 'built-in',
        mirrors: 0,
        weekly: false,
        verifierAvailable: true,
      });
      const update = await detour.send('updateData', {});
      expect(update).toMatchObject({ ok: false, message: 'dataUpdates.dataNoMirrors' });
      expect(standIn.requests.filter((r) => r.path.includes('detour-data'))).toEqual([]);
    });
  });
}
