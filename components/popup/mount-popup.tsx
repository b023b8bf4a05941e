/**
 * Everything the popup needs once its first browser calls have left (components/popup/first-reads):
 * the client, the store and the page, rendered in the language read ahead with those calls.
 */
import { createExtensionClient } from '../extension-client';
import { renderLocalized } from '../localized-page';
import { createPopupStore } from '../stores/popup-store';
import type { FirstReads } from './first-reads';
import { PopupPage } from './PopupPage';

export function mountPopup(first: FirstReads, into: HTMLElement): void {
  // Marks for the bench (bench/measure-popup.ts): mounting starts; the first render starts.
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
