/**
 * Wires the popup to the real browser: an ExtensionClient, the stores, and the catalog, which
 * stays in the background: the popup asks it over messages only once there is something to
 * suggest or judge (a block, a warning, a finished check), so the popup bundles no catalog data.
 */
import { useMemo } from 'preact/hooks';
import { createRemoteCatalogView } from '../catalog-remote';
import { ClientContext } from '../shared/client-context';
import { createExtensionClient } from '../stores/extension-client';
import { createPopupStore } from '../stores/popup-store';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { Popup } from './Popup';

export function PopupPage() {
  const client = useMemo(createExtensionClient, []);
  const store = useMemo(() => createPopupStore(client), [client]);
  const settings = useMemo(() => createSettingsStore(liveSettingsBackend()), []);
  const catalog = useMemo(() => createRemoteCatalogView(client), [client]);
  return (
    <ClientContext.Provider value={client}>
      <Popup store={store} settings={settings} catalog={catalog} />
    </ClientContext.Provider>
  );
}
