/**
 * Everything the popup needs after its first browser calls have left: the client, the store,
 * Preact and the page. Loaded by the entry with a dynamic import, so the calls travel while this
 * module and its dependencies are fetched and compiled.
 */
import { createExtensionClient } from '../extension-client';
import { renderLocalized } from '../localized-page';
import { createPopupStore } from '../stores/popup-store';
import type { FirstReads } from './first-reads';
import { PopupPage } from './PopupPage';

export function mountPopup(first: FirstReads, into: HTMLElement): void {
  // Marks for the bench (bench/measure-popup.ts): this module has loaded; the first render starts.
  performance.mark('detour:popup:page');
  let drawn = false;
  const client = createExtensionClient();
  const store = createPopupStore(client, first);
  // The questions leave before the first render, so the background answers while the language
  // choice is read and Preact renders.
  void store.getState().load();
  renderLocalized(
    into,
    () => {
      if (!drawn) performance.mark('detour:popup:render');
      drawn = true;
      return <PopupPage client={client} store={store} />;
    },
    undefined,
    first.language,
  );
}
