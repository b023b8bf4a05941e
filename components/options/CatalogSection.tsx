/**
 * The catalog Detour suggests from: its date, what it holds and where each fact comes from,
 * the region lists with their dates; and the optional update URL with "Update now".
 */
import { useEffect, useState } from 'preact/hooks';
import * as v from 'valibot';
import { CatalogUpdateUrl } from '../../core/settings/schema';
import type { CatalogInfo } from '../catalog-view';
import { formatIsoDate, formatNumber, t, tMaybe } from '../i18n';
import { productLabel } from '../service-names';
import { useClient } from '../shared/client-context';
import { ExternalLink } from '../shared/ExternalLink';
import type { UiSettings } from '../stores/settings-store';
import { Section } from './Section';

type UpdateState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; ok: boolean; message: string; version?: string };

export function CatalogSection({
  info,
  values,
  onChange,
}: {
  info: CatalogInfo | null;
  values: UiSettings;
  onChange: (patch: Partial<UiSettings>) => Promise<boolean>;
}) {
  const client = useClient();
  const [url, setUrl] = useState(values.catalogUpdateUrl ?? '');
  const [urlError, setUrlError] = useState(false);
  const [update, setUpdate] = useState<UpdateState>({ status: 'idle' });
  useEffect(() => setUrl(values.catalogUpdateUrl ?? ''), [values.catalogUpdateUrl]);

  const saveUrl = async (event: Event) => {
    event.preventDefault();
    const next = url.trim() === '' ? null : url.trim();
    if (!v.is(CatalogUpdateUrl, next)) {
      setUrlError(true);
      return;
    }
    setUrlError(false);
    await onChange({ catalogUpdateUrl: next });
  };

  const runUpdate = async () => {
    setUpdate({ status: 'running' });
    try {
      const answer = await client.send('updateCatalog', {});
      setUpdate({ status: 'done', ...answer });
    } catch {
      setUpdate({ status: 'done', ok: false, message: 'common.backgroundUnavailable' });
    }
  };

  return (
    <Section id="catalog" title={t('options.catalog.title')} intro={t('options.catalog.intro')}>
      {info ? (
        <dl class="facts facts-wide">
          <div>
            <dt>{t('options.catalog.version')}</dt>
            <dd>
              {t('options.catalog.versionValue', { version: info.version, date: formatIsoDate(info.date) })}
            </dd>
          </div>
          <div>
            <dt>{t('options.catalog.platforms')}</dt>
            <dd>{formatNumber(info.platformCount)}</dd>
          </div>
          <div>
            <dt>{t('options.catalog.sources')}</dt>
            <dd>{t('options.catalog.sourcesValue')}</dd>
          </div>
        </dl>
      ) : (
        <p class="muted">{t('common.loading')}</p>
      )}
      {info && info.regionLists.length > 0 ? (
        <details class="details">
          <summary>
            {t('options.catalog.regionLists', { count: formatNumber(info.regionLists.length) })}
          </summary>
          <ul class="plain-list">
            {info.regionLists.map((list) => (
              <li key={`${list.service}/${list.product}`}>
                <span class="strong">{productLabel(list.service, list.product)}</span>
                {' · '}
                {list.stale
                  ? t('exit.listStale', { date: formatIsoDate(list.asOf) })
                  : t('options.catalog.listAsOf', { date: formatIsoDate(list.asOf) })}{' '}
                <ExternalLink href={list.source}>{t('exit.source')}</ExternalLink>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <form class="stack" onSubmit={saveUrl}>
        <div class="field">
          <label for="catalog-url">{t('options.catalog.updateUrl')}</label>
          <div class="row">
            <input
              id="catalog-url"
              class="grow"
              type="url"
              inputMode="url"
              value={url}
              placeholder={t('options.catalog.updateUrlPlaceholder')}
              aria-invalid={urlError}
              aria-describedby="catalog-url-hint"
              onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
            />
            <button type="submit" class="button">
              {t('options.catalog.saveUrl')}
            </button>
          </div>
          <span id="catalog-url-hint" class={urlError ? 'small tone-danger' : 'small muted'}>
            {urlError ? t('options.catalog.urlInvalid') : t('options.catalog.updateUrlHint')}
          </span>
        </div>
      </form>
      <div class="row">
        <button
          type="button"
          class="button"
          disabled={!values.catalogUpdateUrl || update.status === 'running'}
          onClick={runUpdate}
        >
          {update.status === 'running' ? t('options.catalog.updating') : t('options.catalog.updateNow')}
        </button>
        <span
          aria-live="polite"
          class={update.status === 'done' && !update.ok ? 'small tone-danger' : 'small tone-ok'}
        >
          {update.status === 'done'
            ? (tMaybe(update.message, { version: update.version ?? '' }) ??
              (update.ok
                ? t('options.catalog.updated', { version: update.version ?? '' })
                : t('options.catalog.updateFailed')))
            : ''}
        </span>
      </div>
    </Section>
  );
}
