/**
 * Where this connection leaves from, judged against the service's own
 * published list. A warning when the list does not serve that country, a quiet line when it
 * does, and a neutral one when there is no list or no country. Country names come from
 * Intl.DisplayNames in the UI language; codes are what is compared.
 */
import { countryName, formatIsoDate, t } from '../i18n';
import { ExternalLink } from '../shared/ExternalLink';
import { Icon } from '../shared/Icon';
import { TimeAgo } from '../shared/TimeAgo';
import type { ExitCountryView } from '../view-models';

export function ExitCountryLine({
  view,
  now,
  onAdopt,
}: {
  view: ExitCountryView;
  now?: number;
  /** Offered when the exit country differs from the region the suggestions use. */
  onAdopt?: () => void;
}) {
  const code = view.country.toUpperCase();
  const country = countryName(code);
  const checked = (
    <span class="muted small">
      <TimeAgo ms={view.checkedAt} now={now} format={(time) => t('exit.checkedAt', { time })} />
      {onAdopt ? (
        <>
          {' · '}
          <button type="button" class="link-button" onClick={onAdopt}>
            {t('exit.adopt', { country })}
          </button>
        </>
      ) : null}
    </span>
  );

  if (view.decision === 'served') {
    return (
      <p class="exit-line exit-served">
        <Icon name="check" size={16} class="tone-ok" />
        <span>
          {t('exit.served', { country, code })} {view.partial ? `${t('exit.partial')} ` : null}
          {checked}
        </span>
      </p>
    );
  }

  if (view.decision === 'unknown') {
    return (
      <p class="exit-line exit-unknown">
        <Icon name="globe" size={16} class="tone-muted" />
        <span>
          {view.unknownReason === 'exitNoList' || !view.unknownReason
            ? t('exit.unknownList', { country, code, service: view.serviceName })
            : view.unknownReason === 'exitSpecialCountry'
              ? t('exit.unknownSpecial', { code })
              : t('exit.unknownUncertain', { country, code, service: view.serviceName })}{' '}
          {checked}
        </span>
      </p>
    );
  }

  const listText =
    view.listOwner && view.listDate
      ? t('exit.notServedList', {
          service: view.serviceName,
          country,
          owner: view.listOwner,
          date: formatIsoDate(view.listDate),
        })
      : t('exit.notServed', { service: view.serviceName, country });
  return (
    <section class="exit-line exit-warning" role="status" aria-labelledby="exit-warning-title">
      <Icon name="warning" size={18} class="tone-warn" />
      <div>
        <p id="exit-warning-title" class="strong">
          {t('exit.leavesFrom', { country, code })}
        </p>
        <p class="sentences">
          <span>{listText}</span>
          <span>{t('exit.suspensionRisk')}</span>
        </p>
        {view.listStale && view.listDate ? (
          <p class="small">{t('exit.listStale', { date: formatIsoDate(view.listDate) })}</p>
        ) : null}
        <p class="small">
          {view.source ? <ExternalLink href={view.source}>{t('exit.source')}</ExternalLink> : null}
          {view.source ? ' · ' : null}
          {checked}
        </p>
      </div>
    </section>
  );
}
