/**
 * Wires the popup to the real browser: an ExtensionClient, the stores, and the catalog, which
 * stays in the background: the popup asks it over messages only once there is something to
 * suggest or judge (a block, a warning, a finished check), so the popup bundles no catalog data.
 */
import { useMemo } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';
import { createRemoteCatalogView } from '../catalog-remote';
import type { ExtensionClient } from '../extension-client';
import { ClientContext } from '../shared/client-context';
import type { PopupState } from '../stores/popup-store';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { liveToolPreference } from '../stores/tool-preference';
import { Popup } from './Popup';

export interface PopupPageProps {
  client: ExtensionClient;
  /** Made by the entry before the first render, which has already started its load(). */
  store: StoreApi<PopupState>;
}

export function PopupPage({ client, store }: PopupPageProps) {
  const settings = useMemo(() => createSettingsStore(liveSettingsBackend()), []);
  const catalog = useMemo(() => createRemoteCatalogView(client), [client]);
  const toolPreference = useMemo(liveToolPreference, []);
  return (
    <ClientContext.Provider value={client}>
      <Popup store={store} settings={settings} catalog={catalog} toolPreference={toolPreference} />
    </ClientContext.Provider>
  );
}
