/**
 * The first-run page: what Detour watches and where (from core/services), where to paste an error
 * it cannot see (a terminal's, an editor's, an app's), what it keeps and that
 * nothing leaves the browser on its own, the opt-in connection check as a real switch, the
 * language choice, and how to see it work. One h1, a section per question, landmarks, and
 * nothing that needs a mouse.
 */
import { useEffect } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';
import { OPTIONS_PAGE } from '../../core/first-run/pages';
import { t } from '../i18n';
import { AlertsSwitch } from '../options/AlertsSection';
import { serviceLabel } from '../service-names';
import { Icon } from '../shared/Icon';
import { LanguageChoice } from '../shared/LanguageChoice';
import type { SettingsState, UiSettings } from '../stores/settings-store';
import { useStore } from '../stores/use-store';
import { watchedSites } from './watched-sites';

const SECTIONS = [
  ['watch', 'welcome.watchTitle'],
  ['paste', 'welcome.pasteTitle'],
  ['keep', 'welcome.keepTitle'],
  ['check', 'welcome.checkTitle'],
  ['language', 'welcome.languageTitle'],
  ['demo', 'welcome.demoTitle'],
] as const;

/** The command that starts the demo, shown as code in every language. */
const DEMO_COMMAND = 'npm start';

export function Welcome({ settings }: { settings: StoreApi<SettingsState> }) {
  const values = useStore(settings, (s) => s.values);
  const writeError = useStore(settings, (s) => s.writeError);
  useEffect(() => {
    void settings.getState().load();
    return () => settings.getState().dispose();
  }, [settings]);
  const update = (patch: Partial<UiSettings>) => void settings.getState().update(patch);
  const [demoBefore, demoAfter] = t('welcome.demo').split('{command}');

  return (
    <div class="welcome">
      <a class="skip-link" href="#welcome-main">
        {t('options.skipToContent')}
      </a>
      <header class="welcome-header">
        <Icon name="shield" size={28} class="tone-accent" />
        <h1 class="welcome-title">{t('welcome.title')}</h1>
      </header>
      <nav class="welcome-nav" aria-label={t('welcome.navLabel')}>
        <ul>
          {SECTIONS.map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="welcome-main" class="welcome-main" tabIndex={-1}>
        <p class="welcome-lead">{t('welcome.lead')}</p>
        {writeError ? (
          <p class="notice notice-error" role="alert">
            {t('settings.writeFailed')}
          </p>
        ) : null}

        <section id="watch" aria-labelledby="watch-title" tabIndex={-1}>
          <h2 id="watch-title">{t('welcome.watchTitle')}</h2>
          <p>{t('welcome.watchIntro')}</p>
          <ul class="plain-list welcome-services">
            {watchedSites().map(({ service, sites }) => (
              <li key={service}>
                <span class="strong">{serviceLabel(service)}</span>
                <ul
                  class="welcome-hosts"
                  aria-label={t('welcome.hostsOf', { service: serviceLabel(service) })}
                >
                  {sites.map((site) => (
                    <li key={site}>
                      <code>{site}</code>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>

        <section id="paste" aria-labelledby="paste-title" tabIndex={-1}>
          <h2 id="paste-title">{t('welcome.pasteTitle')}</h2>
          <p>{t('welcome.paste')}</p>
          <p>
            <a href={`${OPTIONS_PAGE}#check`}>{t('welcome.pasteLink')}</a>
          </p>
        </section>

        <section id="keep" aria-labelledby="keep-title" tabIndex={-1}>
          <h2 id="keep-title">{t('welcome.keepTitle')}</h2>
          <p>{t('welcome.keep')}</p>
          <p class="strong">{t('welcome.send')}</p>
        </section>

        <section id="check" aria-labelledby="check-title" tabIndex={-1}>
          <h2 id="check-title">{t('welcome.checkTitle')}</h2>
          <p>{t('welcome.checkIntro')}</p>
          {values ? (
            <AlertsSwitch
              checked={values.exitCheckOnOpen}
              label={t('offer.title')}
              hint={t('offer.whatItSends')}
              onChange={(exitCheckOnOpen) => update({ exitCheckOnOpen, exitCheckOffered: true })}
            />
          ) : (
            <p class="muted">{t('common.loading')}</p>
          )}
        </section>

        <section id="language" aria-labelledby="language-title" tabIndex={-1}>
          <h2 id="language-title">{t('welcome.languageTitle')}</h2>
          {values ? (
            <LanguageChoice
              id="welcome-language"
              value={values.uiLanguage}
              onChange={(uiLanguage) => update({ uiLanguage })}
            />
          ) : null}
        </section>

        <section id="demo" aria-labelledby="demo-title" tabIndex={-1}>
          <h2 id="demo-title">{t('welcome.demoTitle')}</h2>
          <p>
            {demoBefore}
            <code>{DEMO_COMMAND}</code>
            {demoAfter}
          </p>
        </section>
      </main>
      <footer class="welcome-footer">
        <p>{t('welcome.toolbar')}</p>
        <p>
          <a class="button" href={OPTIONS_PAGE}>
            {t('welcome.openSettings')}
          </a>
        </p>
      </footer>
    </div>
  );
}
