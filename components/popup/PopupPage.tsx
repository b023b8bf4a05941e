/**
 * Wires the popup to the real browser: an ExtensionClient, the stores, and the catalog,
 * which loads as its own chunk only once there is something to suggest or judge (a block, a
 * warning, a finished check): the tab's answer never waits for it, a quiet tab never loads it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browserArea } from '../../core/log/key-value-area';
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
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (!wanted) return;
    // A stored catalog update (validated again) replaces the bundled data before the first use.
    void Promise.all([import('../catalog-live'), import('../../core/catalog/stored-update')]).then(
      async ([live, stored]) => {
        await stored.applyStoredUpdate(browserArea('local')).catch(() => undefined);
        setCatalog(live.createCatalogView());
      },
    );
  }, [wanted]);
  return (
    <ClientContext.Provider value={client}>
      <Popup store={store} settings={settings} catalog={catalog} onNeedCatalog={() => setWanted(true)} />
    </ClientContext.Provider>
  );
}
