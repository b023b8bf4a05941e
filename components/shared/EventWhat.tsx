/** One line saying what was seen for a log event: the kind of evidence and where. */
import type { LogEvent } from '../../core/log/event';
import { countryName, t } from '../i18n';

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

export function EventWhat({ event }: { event: Pick<LogEvent, 'kind' | 'status' | 'url' | 'country'> }) {
  return <span class="event-what">{eventKindText(event)}</span>;
}
