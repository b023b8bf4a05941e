/** Wires the options page to the real browser: client, stores, catalog and the engine. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadInstalledData } from '../../core/data-updates/installed';
import { DATA_SIGNING_KEYS } from '../../core/data-updates/keys';
import { BUILT_DATA, LIVE_INSTALLER } from '../../core/data-updates/live-data';
import { classifyObservation, guessForPastedText, serviceInPastedText } from '../../core/detection';
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
    // A stored signed bundle (verified and validated again) replaces the built-in data here too;
    // a new view re-renders with it.
    void loadInstalledData({
      area: browserArea('local'),
      installer: LIVE_INSTALLER,
      keys: DATA_SIGNING_KEYS,
      built: BUILT_DATA,
    })
      .then((status) => {
        if (status.source === 'signed') setCatalog(createCatalogView());
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
        guess={guessForPastedText}
        named={serviceInPastedText}
        toolPreference={toolPreference}
      />
    </ClientContext.Provider>
  );
}
