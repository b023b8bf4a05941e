/** Wires the options page to the real browser: client, stores, catalog and the engine. */
import { useMemo } from 'preact/hooks';
import { classifyObservation } from '../../core/detection';
import { createCatalogView } from '../catalog-live';
import { ClientContext } from '../shared/client-context';
import { createExtensionClient } from '../stores/extension-client';
import { createLogStore } from '../stores/log-store';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { Options } from './Options';

export function OptionsPage() {
  const client = useMemo(createExtensionClient, []);
  const settings = useMemo(() => createSettingsStore(liveSettingsBackend()), []);
  const log = useMemo(() => createLogStore(client), [client]);
  const catalog = useMemo(() => createCatalogView(), []);
  return (
    <ClientContext.Provider value={client}>
      <Options settings={settings} log={log} catalog={catalog} classify={classifyObservation} />
    </ClientContext.Provider>
  );
}
