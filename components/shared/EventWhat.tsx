/** One line saying what was seen for a log event: the kind of evidence and where. */
import type { LogEvent } from '../../core/log/event';
import { countryName, t } from '../i18n';
import { serviceLabel } from '../service-names';

export function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function eventKindText(event: Pick<LogEvent, 'kind' | 'status' | 'url' | 'country'>): string {
  const host = hostOf(event.url);
  switch (event.kind) {
    case 'response':
      return event.status
        ? t('event.kind.responseStatus', { status: event.status, host })
        : t('event.kind.response', { host });
    case 'page':
      return t('event.kind.page', { host });
    case 'navigation':
      return t('event.kind.navigation', { host });
    case 'text':
      return t('event.kind.text');
    case 'unreachable':
      return t('unreachable.kind', { host });
    case 'warning':
      return event.country
        ? t('event.kind.warningCountry', {
            country: countryName(event.country),
            code: event.country.toUpperCase(),
          })
        : t('event.kind.warning');
  }
}

/**
 * What was seen and, for a refusal a gateway passed on, through which gateway ("via OpenRouter").
 * `relay={false}` leaves that to the caller (the tab's card says it in a sentence of its own).
 */
export function EventWhat({
  event,
  relay = true,
}: {
  event: Pick<LogEvent, 'kind' | 'status' | 'url' | 'country' | 'relayedBy'>;
  relay?: boolean;
}) {
  const through =
    relay && event.relayedBy ? ` · ${t('relay.via', { gateway: serviceLabel(event.relayedBy) })}` : '';
  return <span class="event-what">{`${eventKindText(event)}${through}`}</span>;
}
