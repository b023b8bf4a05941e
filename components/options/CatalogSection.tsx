/**
 * The catalog Detour suggests from: its date, what it holds and where each fact comes from,
 * the region lists with their dates; and where the data in use came from (DataUpdates).
 */
import type { CatalogInfo } from '../catalog-view';
import { formatIsoDate, formatNumber, t } from '../i18n';
import { productLabel } from '../service-names';
import { ExternalLink } from '../shared/ExternalLink';
import { DataUpdates } from './DataUpdates';
import { Section } from './Section';

export function CatalogSection({ info }: { info: CatalogInfo | null }) {
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

      <DataUpdates />
    </Section>
  );
}
