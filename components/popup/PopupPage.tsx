/**
 * Wires the popup to the real browser: an ExtensionClient, the stores, and the catalog,
 * which loads as its own chunk after the first paint (the tab's answer never waits for it).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CatalogView } from '../catalog-view';
import { ClientContext } from '../shared/client-context';
import { createExtensionClient } from '../stores/extension-client';
import { createPopupStore } from '../stores/popup-store';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { Popup } from './Popup';

export function PopupPage() {
  const client = useMemo(createExtensionClient, []);
  const store = useMemo(() => createPopupStore(client), [client]);
  const settings = useMemo(() => createSettingsStore(liveSettingsBackend()), []);
  const [catalog, setCatalog] = useState<CatalogView | null>(null);
  useEffect(() => {
    void import('../catalog-live').then((m) => setCatalog(m.createCatalogView()));
  }, []);
  return (
    <ClientContext.Provider value={client}>
      <Popup store={store} settings={settings} catalog={catalog} />
    </ClientContext.Provider>
  );
}
