import { render } from 'preact';
import { createExtensionClient } from '../../components/extension-client';
import { uiLocale } from '../../components/i18n';
import { PopupPage } from '../../components/popup/PopupPage';
import { createPopupStore } from '../../components/stores/popup-store';
import '../../components/theme.css';
import '../../components/popup/popup.css';

// The popup's first questions leave before the first render, so the background answers while
// Preact renders the loading state (bench/findings.md: popup first render).
// Marks for the bench (scripts/bench/measure-popup.ts): where the time before the first paint goes.
performance.mark('detour:popup:script');
const client = createExtensionClient();
const store = createPopupStore(client);
void store.getState().load();

document.documentElement.lang = uiLocale();
render(<PopupPage client={client} store={store} />, document.getElementById('app') as HTMLElement);
