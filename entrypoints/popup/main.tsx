import { createExtensionClient } from '../../components/extension-client';
import { renderLocalized } from '../../components/localized-page';
import { PopupPage } from '../../components/popup/PopupPage';
import { createPopupStore } from '../../components/stores/popup-store';
import '../../components/theme.css';
import '../../components/popup/popup.css';

// The popup's first questions leave before the first render, so the background answers while
// the language choice is read and Preact renders the loading state (bench/findings.md: popup
// first render). Marks for the bench (bench/measure-popup.ts): where the time before the first
// paint goes.
performance.mark('detour:popup:script');
const client = createExtensionClient();
const store = createPopupStore(client);
void store.getState().load();

renderLocalized(document.getElementById('app') as HTMLElement, () => (
  <PopupPage client={client} store={store} />
));
