/**
 * The popup's first answer: what happened on this tab. A block names the service, what was
 * seen, when and how often; a service that could not be reached says so (never as a refusal);
 * a page that failed to load says that; only then does it say that no region block was seen.
 */
import type { ComponentChildren } from 'preact';
import { isRefusal, type LogEvent } from '../../core/log/event';
import type { TabStateAnswer } from '../../core/messaging/protocol';
import { t, tMaybe, tn } from '../i18n';
import { productLabel, serviceForUrl, serviceLabel } from '../service-names';
import { ClampedText } from '../shared/ClampedText';
import { EventWhat, hostOf } from '../shared/EventWhat';
import { Icon, type IconName } from '../shared/Icon';
import { TimeAgo } from '../shared/TimeAgo';
import type { Loadable } from '../stores/popup-store';

export function firstBlock(tab: TabStateAnswer | null): LogEvent | null {
  return tab?.events.find(isRefusal) ?? null;
}

export function firstUnreachable(tab: TabStateAnswer | null): LogEvent | null {
  return tab?.events.find((e) => e.kind === 'unreachable') ?? null;
}

/**
 * One card about the tab: its tone, an icon and the heading every card is labelled by
 * (`#tab-title`, which the popup's first paint draws the same way), then what the card says.
 */
function StatusCard({
  tone,
  icon,
  iconTone,
  title,
  children,
}: {
  tone: 'blocked' | 'unreachable' | 'ok';
  icon: IconName;
  iconTone: string;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <section class={`card card-${tone}`} aria-labelledby="tab-title">
      <div class="card-head">
        <Icon name={icon} size={20} class={iconTone} />
        <h1 id="tab-title" class="card-title">
          {title}
        </h1>
      </div>
      {children}
    </section>
  );
}

function UnreachableCard({ event, now }: { event: LogEvent; now?: number }) {
  const host = hostOf(event.tabUrl) || hostOf(event.url);
  return (
    <StatusCard
      tone="unreachable"
      icon="globe"
      iconTone="tone-muted"
      title={t('unreachable.tabTitle', { host })}
    >
      <p class="small">{t('unreachable.tabBody')}</p>
      <dl class="facts">
        {event.evidence ? (
          <div>
            <dt>{t('unreachable.errors')}</dt>
            <dd>
              <code class="evidence">
                <ClampedText text={event.evidence} max={160} />
              </code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('popup.tab.when')}</dt>
          <dd>
            <TimeAgo ms={event.lastSeen} now={now} />
          </dd>
        </div>
      </dl>
    </StatusCard>
  );
}

function PageFailedCard({ error }: { error: string }) {
  return (
    <StatusCard
      tone="unreachable"
      icon="globe"
      iconTone="tone-muted"
      title={t('unreachable.pageFailedTitle')}
    >
      <p class="small">{t('unreachable.pageFailedBody', { error })}</p>
    </StatusCard>
  );
}

function BlockCard({ event, now }: { event: LogEvent; now?: number }) {
  const name = productLabel(event.service, event.product);
  return (
    <StatusCard
      tone="blocked"
      icon="block"
      iconTone="tone-danger"
      title={t('popup.tab.blockedTitle', { service: name })}
    >
      <dl class="facts">
        <div>
          <dt>{t('popup.tab.seen')}</dt>
          <dd>
            <EventWhat event={event} relay={false} />
            {event.relayedBy ? (
              <p class="muted small">
                {t('relay.seenThrough', {
                  gateway: serviceLabel(event.relayedBy),
                  service: serviceLabel(event.service),
                })}
              </p>
            ) : null}
          </dd>
        </div>
        {event.evidence ? (
          <div>
            <dt>{t('popup.tab.evidence')}</dt>
            <dd>
              <q class="evidence">
                <ClampedText text={event.evidence} max={120} />
              </q>
              {event.via === 'recogniser' ? <p class="muted small">{t('recognition.byWording')}</p> : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('popup.tab.when')}</dt>
          <dd>
            <TimeAgo ms={event.lastSeen} now={now} />
            {event.count > 1 ? (
              <>
                {' · '}
                {tn('popup.tab.count', event.count)}
              </>
            ) : null}
          </dd>
        </div>
      </dl>
    </StatusCard>
  );
}

export function TabSummary({ tab, now }: { tab: Loadable<TabStateAnswer | null>; now?: number }) {
  if (tab.status === 'loading') {
    return (
      <section class="card card-quiet" aria-busy="true">
        <p class="muted">{t('common.loading')}</p>
      </section>
    );
  }
  if (tab.status === 'failed') {
    return (
      <section class="card card-quiet" role="alert">
        <p>{tMaybe(tab.reasonKey) ?? t('common.backgroundUnavailable')}</p>
      </section>
    );
  }
  const block = firstBlock(tab.value);
  if (block) {
    const others = (tab.value?.events ?? []).filter((e) => e !== block && isRefusal(e));
    return (
      <>
        <BlockCard event={block} now={now} />
        {others.length > 0 ? (
          <p class="muted small">
            {t('popup.tab.alsoOnTab', {
              services: others.map((e) => productLabel(e.service, e.product)).join(t('common.listSeparator')),
            })}
          </p>
        ) : null}
      </>
    );
  }
  const unreachable = firstUnreachable(tab.value);
  if (unreachable) return <UnreachableCard event={unreachable} now={now} />;
  // The page never arrived: "no block seen" would be true and misleading.
  if (tab.value?.pageFailed) return <PageFailedCard error={tab.value.pageFailed.error} />;
  const url = tab.value?.url ?? undefined;
  const host = serviceForUrl(url) ? hostOf(url) : '';
  return (
    <StatusCard tone="ok" icon="shield" iconTone="tone-ok" title={t('popup.tab.noBlockTitle')}>
      <p class="muted small">{host ? t('popup.tab.noBlockHost', { host }) : t('popup.tab.noBlockNoPage')}</p>
    </StatusCard>
  );
}
