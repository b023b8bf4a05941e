/**
 * Everything the popup needs once its first browser calls have left (components/popup/first-reads):
 * the client, the store and the page, rendered in the language read ahead with those calls.
 *
 * When the first paint (components/first-paint) is on screen, the app replaces it only once the
 * store shows as much (the same snapshot, or the background's answers), so the popup never goes
 * back to "Loading…"; the first paint is removed in the same task as the app's first render.
 */
import type { StoreApi } from 'zustand/vanilla';
import { createExtensionClient } from '../extension-client';
import { FIRST_PAINT_ATTRIBUTE } from '../first-paint/handoff';
import { renderLocalized } from '../localized-page';
import { createPopupStore, type PopupState } from '../stores/popup-store';
import type { FirstReads } from './first-reads';
import { PopupPage } from './PopupPage';

/**
 * How long a first paint may stay when the store shows nothing yet (a snapshot the store's schemas
 * refuse and a background that does not answer): the app's controls matter more than no flicker.
 */
const FIRST_PAINT_AT_MOST_MS = 1000;

const showsData = (s: PopupState) => s.tab.status !== 'loading' && s.recent.status !== 'loading';

/** Resolves once the store shows the tab's answer and the recent events (or why it cannot). */
function whenShowsData(store: StoreApi<PopupState>): Promise<void> {
  return new Promise((resolve) => {
    if (showsData(store.getState())) return resolve();
    const stop = store.subscribe((state) => {
      if (!showsData(state)) return;
      stop();
      resolve();
    });
  });
}

/**
 * `first`: the first reads the first paint's script started (components/first-paint/handoff);
 * without them the store asks for the tab and the snapshot, and the settings for the language.
 * `firstPaint`: settles whether that script painted.
 */
export function mountPopup(
  first: FirstReads | undefined,
  into: HTMLElement,
  firstPaint?: Promise<boolean>,
): void {
  // Marks for the bench (bench/measure-popup.ts): mounting starts; the first render starts.
  performance.mark('detour:popup:page');
  let drawn = false;
  const client = createExtensionClient();
  const store = createPopupStore(client, first);
  // The questions leave before the first render, so the background answers while the language
  // choice is read and Preact renders.
  void store.getState().load();
  const takeOver = (firstPaint ?? Promise.resolve(false)).then((painted) =>
    painted
      ? Promise.race([
          whenShowsData(store),
          new Promise<void>((resolve) => setTimeout(resolve, FIRST_PAINT_AT_MOST_MS)),
        ])
      : undefined,
  );
  // The first render waits for the language read ahead and, over a first paint, for the store to
  // show as much. Without the first paint's script there is neither: the settings read the choice.
  const language = first ? Promise.all([first.language, takeOver]).then(([choice]) => choice) : undefined;
  renderLocalized(
    into,
    () => {
      if (!drawn) {
        performance.mark('detour:popup:render');
        for (const painted of into.querySelectorAll(`:scope > [${FIRST_PAINT_ATTRIBUTE}]`)) painted.remove();
        // data-interactive: the app is mounted (every control works) and shows the tab's answer
        // and the recent events (bench/README.md times it beside data-ready).
        queueMicrotask(() =>
          whenShowsData(store).then(() => {
            into.setAttribute('data-interactive', '');
            performance.mark('detour:popup:interactive');
          }),
        );
      }
      drawn = true;
      return <PopupPage client={client} store={store} />;
    },
    undefined,
    language,
  );
}
