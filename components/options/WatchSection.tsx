/**
 * What Detour watches: each service on or off, and the sites it may read, granted through
 * the browser's own permission prompt (asked from the click, as browsers require).
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { serviceLabel, serviceOrigins, serviceSlugs } from '../service-names';
import { useClient } from '../shared/client-context';
import type { UiSettings } from '../stores/settings-store';
import { Section } from './Section';

interface ServiceHosts {
  slug: string;
  origins: string[];
}

const SERVICE_HOSTS: ServiceHosts[] = serviceSlugs().map((slug) => ({ slug, origins: serviceOrigins(slug) }));

function isWatched(values: UiSettings, slug: string): boolean {
  return values.watchedServices[slug] !== false;
}

export function WatchSection({
  values,
  onChange,
}: {
  values: UiSettings;
  onChange: (patch: Partial<UiSettings>) => void;
}) {
  const client = useClient();
  const [granted, setGranted] = useState<Set<string> | null>(null);
  const [notice, setNotice] = useState<{
    key: 'options.sites.granted' | 'options.sites.refused';
    service: string;
  } | null>(null);

  const refresh = () =>
    client
      .grantedHostPermissions()
      .then((origins) => setGranted(new Set(origins)))
      .catch(() => setGranted(new Set()));
  useEffect(() => {
    void refresh();
  }, []);

  const hasAll = (entry: ServiceHosts) =>
    granted?.has('<all_urls>') || entry.origins.every((o) => granted?.has(o) || granted?.has('*://*/*'));

  return (
    <Section id="services" title={t('options.services.title')} intro={t('options.services.intro')}>
      <ul class="toggle-list">
        {SERVICE_HOSTS.map((entry) => {
          const name = serviceLabel(entry.slug);
          const access = hasAll(entry);
          return (
            <li key={entry.slug} class="toggle-row">
              <label class="switch">
                <input
                  type="checkbox"
                  checked={isWatched(values, entry.slug)}
                  onChange={(e) =>
                    onChange({
                      watchedServices: {
                        ...values.watchedServices,
                        [entry.slug]: (e.target as HTMLInputElement).checked,
                      },
                    })
                  }
                />
                <span class="strong">{name}</span>
              </label>
              <span class="site-access">
                {granted === null ? null : access ? (
                  <span class="muted small">{t('options.sites.hasAccess')}</span>
                ) : (
                  <button
                    type="button"
                    class="button button-small"
                    aria-label={t('options.sites.grantFor', { service: name })}
                    onClick={async () => {
                      // Straight from the click: the browser shows its prompt only for a user gesture.
                      const ok = await client.requestHostPermissions(entry.origins).catch(() => false);
                      setNotice({
                        key: ok ? 'options.sites.granted' : 'options.sites.refused',
                        service: name,
                      });
                      await refresh();
                    }}
                  >
                    {t('options.sites.grant')}
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <p class="muted small" aria-live="polite">
        {notice ? t(notice.key, { service: notice.service }) : t('options.sites.explain')}
      </p>
      <OtherSites />
    </Section>
  );
}

/** An origin as the background accepts it: `https://host[:port]`, nothing after. */
export function normaliseOrigin(text: string): string | null {
  const trimmed = text.trim();
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (!/^[a-z0-9.-]+$/i.test(url.hostname) || !url.hostname.includes('.')) return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

/** Sites beyond the known hosts (a company gateway in front of ChatGPT, say), each standing for a service. */
function OtherSites() {
  const client = useClient();
  const [sites, setSites] = useState<Array<{ origin: string; service: string }>>([]);
  const [origin, setOrigin] = useState('');
  const [service, setService] = useState(serviceSlugs()[0] ?? '');
  const [message, setMessage] = useState<{ key: string; tone: 'ok' | 'error'; site?: string } | null>(null);

  const refresh = () =>
    client
      .send('listGrantedHosts', {})
      .then(setSites)
      .catch(() => setSites([]));
  useEffect(() => {
    void refresh();
  }, []);

  const onAdd = async (event: Event) => {
    event.preventDefault();
    const normalised = normaliseOrigin(origin);
    if (!normalised) {
      setMessage({ key: 'options.sites.originInvalid', tone: 'error' });
      return;
    }
    // The prompt must come first and straight from the submit: browsers require a user gesture.
    const granted = await client.requestHostPermissions([`${normalised}/*`]).catch(() => false);
    if (!granted) {
      setMessage({ key: 'options.sites.originRefused', tone: 'error', site: normalised });
      return;
    }
    const answer = await client.send('watchGrantedHost', { origin: normalised, service }).catch(() => null);
    setMessage(
      answer?.ok
        ? { key: 'options.sites.originAdded', tone: 'ok', site: normalised }
        : { key: 'options.sites.originFailed', tone: 'error', site: normalised },
    );
    if (answer?.ok) setOrigin('');
    await refresh();
  };

  const onRemove = async (site: string) => {
    await client.send('unwatchGrantedHost', { origin: site }).catch(() => null);
    await client.removeHostPermissions([`${site}/*`]).catch(() => false);
    setMessage({ key: 'options.sites.originRemoved', tone: 'ok', site });
    await refresh();
  };

  return (
    <div class="stack other-sites">
      <h3 class="options-subtitle">{t('options.sites.otherTitle')}</h3>
      <p class="muted small">{t('options.sites.otherIntro')}</p>
      {sites.length > 0 ? (
        <ul class="toggle-list">
          {sites.map((site) => (
            <li key={site.origin} class="toggle-row">
              <span>
                <code>{site.origin}</code>
                {' → '}
                {serviceLabel(site.service)}
              </span>
              <button
                type="button"
                class="button button-small"
                aria-label={t('options.sites.removeFor', { site: site.origin })}
                onClick={() => void onRemove(site.origin)}
              >
                {t('options.sites.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form class="row other-site-form" onSubmit={onAdd}>
        <div class="field grow">
          <label for="site-origin">{t('options.sites.origin')}</label>
          <input
            id="site-origin"
            type="url"
            inputMode="url"
            value={origin}
            placeholder={t('options.sites.originPlaceholder')}
            onInput={(e) => setOrigin((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="site-service">{t('options.sites.standsFor')}</label>
          <select
            id="site-service"
            value={service}
            onChange={(e) => setService((e.target as HTMLSelectElement).value)}
          >
            {serviceSlugs().map((slug) => (
              <option key={slug} value={slug}>
                {serviceLabel(slug)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t('options.sites.add')}
        </button>
      </form>
      <p class={message?.tone === 'error' ? 'small tone-danger' : 'small tone-ok'} aria-live="polite">
        {message ? t(message.key as 'options.sites.originAdded', { site: message.site ?? '' }) : ''}
      </p>
    </div>
  );
}
