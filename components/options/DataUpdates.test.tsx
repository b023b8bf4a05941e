// @vitest-environment happy-dom
/**
 * Options → Catalog → Data updates against the real background handlers on fakeBrowser: what is in
 * use and where it came from, "Update now" from a mirror signed with a throwaway key, and a refusal.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUNDLED_CATALOG } from '../../core/catalog/catalog';
import { generateSigningKey, makeBundleText, signText } from '../../core/data-updates/build-bundle';
import { LIVE_INSTALLER } from '../../core/data-updates/live-data';
import { BUNDLE_FILE, SIGNATURE_FILE } from '../../core/data-updates/mirrors';
import { base64ToBytes } from '../../core/data-updates/signature';
import { RULE_FILES } from '../../core/detection/rules';
import { BUNDLED_REGIONS } from '../../core/regions/regions';
import { createExtensionClient } from '../extension-client';
import { ClientContext } from '../shared/client-context';
import { useLocale } from '../testing/locale-messages';
import { startTestBackground } from '../testing/test-background';
import { DataUpdates } from './DataUpdates';

const NOW = Date.UTC(2026, 11, 5, 9);
const MIRROR = 'https://mirror.example/detour/';
let stop: (() => void) | null = null;

async function mirrorWith(version: number, signWith?: string) {
  const key = await generateSigningKey();
  const text = makeBundleText({
    version,
    asOf: '2026-12-04',
    platforms: BUNDLED_CATALOG,
    regions: BUNDLED_REGIONS,
    rules: [...RULE_FILES],
  });
  const { signature } = await signText(
    text,
    base64ToBytes(signWith ?? key.privateKey) as Uint8Array<ArrayBuffer>,
  );
  const fetch = async (url: string) =>
    url === `${MIRROR}${BUNDLE_FILE}`
      ? new Response(text)
      : url === `${MIRROR}${SIGNATURE_FILE}`
        ? new Response(signature)
        : new Response('', { status: 404 });
  return { key, fetch };
}

function renderSection() {
  render(
    <ClientContext.Provider value={createExtensionClient()}>
      <DataUpdates />
    </ClientContext.Provider>,
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  useLocale('en');
});
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
  LIVE_INSTALLER.reset();
});

describe('options: data updates', () => {
  it('a default build: the data it ships, no update address, nothing to press', async () => {
    const bg = startTestBackground({ now: () => NOW });
    stop = bg.stop;
    renderSection();
    expect(
      await screen.findByText(/^Data as shipped with this version of Detour, as of Dec 5, 2026\.$/),
    ).toBeTruthy();
    expect(screen.getByText('This version has no update address, so it never downloads data.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Update now' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('"Update now": signed data is put in use and options says when, that it is signed, and from where', async () => {
    const { key, fetch } = await mirrorWith(5);
    const bg = startTestBackground({
      now: () => NOW,
      fetch,
      data: { mirrors: [MIRROR], keys: [{ id: 'test', publicKey: key.publicKey }] },
    });
    stop = bg.stop;
    renderSection();
    const weekly = (await screen.findByRole('checkbox', {
      name: 'Check for signed data once a week',
    })) as HTMLInputElement;
    expect(weekly.checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    expect(await screen.findByText('Signed data as of Dec 4, 2026 is now in use.')).toBeTruthy();
    expect(screen.getByTestId('data-source').textContent).toBe(
      'Data as of Dec 4, 2026, signed. From mirror.example, fetched Dec 5, 2026.',
    );
    fireEvent.click(weekly);
    await waitFor(async () =>
      expect((await fakeBrowser.storage.local.get('data.weekly'))['data.weekly']).toBe(true),
    );
  });

  it('a bundle signed with another key is refused with the reason, and the shipped data stays', async () => {
    const other = await generateSigningKey();
    const { key, fetch } = await mirrorWith(5, other.privateKey);
    const bg = startTestBackground({
      now: () => NOW,
      fetch,
      data: { mirrors: [MIRROR], keys: [{ id: 'test', publicKey: key.publicKey }] },
    });
    stop = bg.stop;
    renderSection();
    fireEvent.click(await screen.findByRole('button', { name: 'Update now' }));
    expect(
      await screen.findByText("The download is not signed with Detour's key. Nothing changed."),
    ).toBeTruthy();
    expect(screen.getByTestId('data-source').textContent).toMatch(/^Data as shipped with this version/);
  });
});
