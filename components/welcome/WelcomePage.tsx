/** Wires the first-run page to the real settings storage. */
import { useMemo } from 'preact/hooks';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { Welcome } from './Welcome';

export function WelcomePage() {
  const settings = useMemo(() => createSettingsStore(liveSettingsBackend()), []);
  return <Welcome settings={settings} />;
}
