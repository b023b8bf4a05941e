/** Wires the options page to the real browser: client, stores, catalog and the engine. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { applyStoredUpdate } from '../../core/catalog/stored-update';
import { classifyObservation } from '../../core/detection';
import { browserArea } from '../../core/storage/key-value-area';
import { createCatalogView } from '../catalog-live';
import { createExtensionClient } from '../extension-client';
import { ClientContext } from '../shared/client-context';
import { createLogStore } from '../stores/log-store';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { liveToolPreference } from '../stores/tool-preference';
import { Options } from './Options';

export function OptionsPage() {
  const client = useMemo(createExtensionClient, []);
  const settings = useMemo(() => createSettingsStore(liveSettingsBackend()), []);
  const log = useMemo(() => createLogStore(client), [client]);
  const toolPreference = useMemo(liveToolPreference, []);
  const [catalog, setCatalog] = useState(() => createCatalogView());
  useEffect(() => {
    // A stored catalog update (validated again) replaces the bundled data; a new view re-renders.
    void applyStoredUpdate(browserArea('local'))
      .then((applied) => {
        if (applied.platforms || applied.regions) setCatalog(createCatalogView());
      })
      .catch(() => undefined);
  }, []);
  return (
    <ClientContext.Provider value={client}>
      <Options
        settings={settings}
        log={log}
        catalog={catalog}
        classify={classifyObservation}
        toolPreference={toolPreference}
      />
    </ClientContext.Provider>
  );
}
