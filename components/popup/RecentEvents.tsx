/**
 * Recent events on every tab, grouped by service with the most recently active service first.
 * Shows only the page the popup asked for; the full log is one click away.
 */
import type { LogEvent } from '../../core/log/event';
import { formatNumber, t, tn } from '../i18n';
import { productLabel, serviceLabel } from '../service-names';
import { EventWhat } from '../shared/EventWhat';
import { TimeAgo } from '../shared/TimeAgo';

export function groupByService(events: LogEvent[]): Array<{ service: string; events: LogEvent[] }> {
  const groups = new Map<string, LogEvent[]>();
  for (const event of [...events].sort((a, b) => b.lastSeen - a.lastSeen)) {
    const list = groups.get(event.service);
    if (list) list.push(event);
    else groups.set(event.service, [event]);
  }
  return [...groups].map(([service, list]) => ({ service, events: list }));
}

export function EventRow({ event, now }: { event: LogEvent; now?: number }) {
  return (
    <li class={event.kind === 'warning' ? 'event-row event-warning' : 'event-row'}>
      <span class="event-product">{productLabel(event.service, event.product)}</span>
      <EventWhat event={event} />
      <span class="event-meta muted">
        <TimeAgo ms={event.lastSeen} now={now} />
        {event.count > 1 ? ` · ${tn('event.times', event.count)}` : null}
      </span>
    </li>
  );
}

export function RecentEvents({
  events,
  total,
  onOpenLog,
  now,
}: {
  events: LogEvent[];
  total: number;
  onOpenLog: () => void;
  now?: number;
}) {
  const groups = groupByService(events);
  return (
    <section class="recent" aria-labelledby="recent-title">
      <h2 id="recent-title" class="section-title">
        {t('popup.recent.title')}
      </h2>
      {groups.length === 0 ? (
        <p class="muted small">{t('popup.recent.empty')}</p>
      ) : (
        groups.map((group) => (
          <div class="event-group" key={group.service}>
            <h3 class="group-title">
              {serviceLabel(group.service)}{' '}
              <span class="count-badge">{formatNumber(group.events.length)}</span>
            </h3>
            <ul class="event-list">
              {group.events.map((event) => (
                <EventRow key={event.id} event={event} now={now} />
              ))}
            </ul>
          </div>
        ))
      )}
      <button type="button" class="link-button" onClick={onOpenLog}>
        {total > 0
          ? t('popup.recent.openLogCount', { count: formatNumber(total) })
          : t('popup.recent.openLog')}
      </button>
    </section>
  );
}

/** This service's history on every tab, so "warned, then blocked" reads as it happened. */
export function ServiceHistory({
  events,
  serviceName,
  now,
}: {
  events: LogEvent[];
  serviceName: string;
  now?: number;
}) {
  if (events.length === 0) return null;
  return (
    <section class="history" aria-labelledby="history-title">
      <h2 id="history-title" class="section-title">
        {t('popup.history.title', { service: serviceName })}
      </h2>
      <ul class="event-list">
        {events.map((event) => (
          <EventRow key={event.id} event={event} now={now} />
        ))}
      </ul>
    </section>
  );
}
