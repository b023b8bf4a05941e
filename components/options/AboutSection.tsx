/**
 * About and privacy: what Detour stores, that it sends nothing unless asked, and exactly what
 * each request it can make sends, and to whom. Version and links.
 */
import { PROBES } from '../../core/catalog/probes';
import { WELCOME_PAGE } from '../../core/first-run/pages';
import { t } from '../i18n';
import { serviceLabel } from '../service-names';
import { useClient } from '../shared/client-context';
import { Section } from './Section';

export function AboutSection() {
  const client = useClient();
  return (
    <Section id="about" title={t('options.about.title')}>
      <div class="stack prose">
        <p>{t('options.about.summary')}</p>
        <h3 class="options-subtitle">{t('options.about.storedTitle')}</h3>
        <p>{t('options.about.stored')}</p>
        <h3 class="options-subtitle">{t('options.about.sentTitle')}</h3>
        <p>{t('options.about.sentNothing')}</p>
        <ul class="plain-list bullets">
          <li>
            {t('options.about.sentCheckNow')}
            <details class="details">
              <summary>{t('options.about.checkAddresses')}</summary>
              <ul class="plain-list">
                {Object.entries(PROBES).map(([service, spec]) => (
                  <li key={service}>
                    <span class="strong">{serviceLabel(service)}</span>
                    {': '}
                    {[
                      ...spec.probes.map((p) => p.url),
                      ...(spec.traceHost ? [`https://${spec.traceHost}/cdn-cgi/trace`] : []),
                    ].map((url, i) => (
                      <span key={url}>
                        {i > 0 ? ', ' : null}
                        <code>{url}</code>
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </details>
          </li>
          <li>{t('options.about.sentExitCheck')}</li>
          <li>{t('dataUpdates.sent')}</li>
          <li>{t('options.about.sentLinks')}</li>
        </ul>
        <p class="muted small">{t('options.about.version', { version: client.extensionVersion() })}</p>
        <p class="small">
          <a href="#log">{t('options.about.linkLog')}</a>
          {' · '}
          <a href="#catalog">{t('options.about.linkCatalog')}</a>
          {' · '}
          <a href="#backup">{t('options.about.linkBackup')}</a>
          {' · '}
          <a href={WELCOME_PAGE}>{t('welcome.openFromOptions')}</a>
        </p>
      </div>
    </Section>
  );
}
