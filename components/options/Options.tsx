/**
 * The options page: a nav of anchors (#language, #region, #services, #notifications, #log, #check,
 * #backup, #catalog, #about) beside the sections. Settings come from the settings store,
 * the log from the log store; catalog and engine are handed in (loaded by OptionsPage).
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';
import { PROBES } from '../../core/catalog/probes';
import type { CheckerGuess } from '../../core/detection';
import type { Observation, Verdict } from '../../core/detection/observation';
import type { CatalogView } from '../catalog-view';
import { t, tMaybe } from '../i18n';
import { useClient } from '../shared/client-context';
import { Icon } from '../shared/Icon';
import type { LogState } from '../stores/log-store';
import type { SettingsState, UiSettings } from '../stores/settings-store';
import type { ToolPreference } from '../stores/tool-preference';
import { useStore } from '../stores/use-store';
import { AboutSection } from './AboutSection';
import { AlertsSection } from './AlertsSection';
import { BackupSection } from './BackupSection';
import { CatalogSection } from './CatalogSection';
import { CheckMessageSection } from './CheckMessageSection';
import { LanguageSection } from './LanguageSection';
import { LogSection } from './LogSection';
import { RegionSection } from './RegionSection';
import { WatchSection } from './WatchSection';

const NAV = [
  ['language', 'language.title'],
  ['region', 'options.region.title'],
  ['services', 'options.services.title'],
  ['notifications', 'options.alerts.title'],
  ['log', 'options.log.title'],
  ['check', 'options.check.title'],
  ['backup', 'options.backup.title'],
  ['catalog', 'options.catalog.title'],
  ['about', 'options.about.title'],
] as const;

/** The services a check can ask (core/catalog/probes.ts), in the catalog's order. */
const ASKABLE = Object.keys(PROBES).filter((service) => (PROBES[service]?.probes.length ?? 0) > 0);

export interface OptionsProps {
  settings: StoreApi<SettingsState>;
  log: StoreApi<LogState>;
  catalog: CatalogView | null;
  classify: ((observation: Observation) => Verdict) | null;
  /** Reads a client's guess at a region refusal in a pasted text the engine leaves clean. */
  guess?: ((body: string) => CheckerGuess | null) | null;
  /** Reads which AI service a pasted text names, for the ask offered under a clean text. */
  named?: ((body: string) => string | null) | null;
  /** The last tool chosen under "Use it in…" (shown first). */
  toolPreference?: ToolPreference;
}

export function Options({ settings, log, catalog, classify, guess, named, toolPreference }: OptionsProps) {
  const client = useClient();
  const values = useStore(settings, (s) => s.values);
  const status = useStore(settings, (s) => s.status);
  const writeError = useStore(settings, (s) => s.writeError);

  useEffect(() => {
    void settings.getState().load();
    return () => settings.getState().dispose();
  }, [settings]);

  // Anchors such as options.html#log from the popup: scroll there once the section exists.
  useEffect(() => {
    if (!values) return;
    const id = globalThis.location?.hash.slice(1);
    const target = id ? document.getElementById(id) : null;
    target?.scrollIntoView?.();
    target?.focus?.({ preventScroll: true });
  }, [values === null]);

  const update = (patch: Partial<UiSettings>) => settings.getState().update(patch);
  const info = useMemo(() => catalog?.info() ?? null, [catalog]);
  const region = !values
    ? null
    : values.region.mode === 'chosen'
      ? values.region.country
      : (catalog?.guessRegion({ uiLanguage: client.uiLanguage(), timeZone: client.timeZone() }) ?? null);

  return (
    <div class="options">
      <a class="skip-link" href="#options-main">
        {t('options.skipToContent')}
      </a>
      <header class="options-header">
        <Icon name="shield" size={22} class="tone-accent" />
        <h1 class="options-title">{t('options.title')}</h1>
      </header>
      <div class="options-layout">
        <nav class="options-nav" aria-label={t('options.navLabel')}>
          <ul>
            {NAV.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`}>{t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="options-main" class="options-main">
          {writeError ? (
            <p class="notice notice-error" role="alert">
              {tMaybe(writeError) ?? t('settings.writeFailed')}
            </p>
          ) : null}
          {status === 'failed' ? (
            <p class="notice notice-error" role="alert">
              {t('settings.readFailed')}
            </p>
          ) : null}
          {values ? (
            <>
              <LanguageSection values={values} onChange={(p) => void update(p)} />
              <RegionSection values={values} catalog={catalog} onChange={(p) => void update(p)} />
              <WatchSection values={values} onChange={(p) => void update(p)} />
              <AlertsSection values={values} onChange={(p) => void update(p)} />
              <LogSection store={log} values={values} onChange={(p) => void update(p)} />
              <CheckMessageSection
                classify={classify}
                guess={guess}
                named={named}
                ask={(service) => client.send('checkReachability', { service })}
                askable={ASKABLE}
                catalog={catalog}
                region={region}
                regionAutomatic={values.region.mode !== 'chosen'}
                toolPreference={toolPreference}
              />
              <BackupSection values={values} />
              <CatalogSection info={info} />
              <AboutSection />
            </>
          ) : status === 'loading' ? (
            <p class="muted">{t('common.loading')}</p>
          ) : null}
        </main>
      </div>
    </div>
  );
}
