/**
 * The popup's first paint without Preact: what the app would show from the snapshot (the tab's
 * verdict and the recent events; components/popup TabSummary and RecentEvents), built as plain DOM
 * with the same elements and classes, so nothing moves when the app replaces it.
 *
 * Every text from the snapshot goes in as a text node, never as HTML. Controls are drawn disabled
 * (not focusable, announced as unavailable) until the app, which makes them work, takes over. The
 * first paint has no live region: the app's own announcements are the only ones.
 *
 * It draws nothing when it cannot draw what the app would: no text in the popup's language, no
 * recent events, a tab record that does not fit, or a quiet tab whose page may or may not be a
 * service's (that takes the services table).
 */
import { fillNamed, pluralForm, relativeStep } from '../../core/i18n/message-format';
import type { LogEvent } from '../../core/log/event';
import type { FirstPaintMessage, FirstPaintText, LocaleTag } from '../../core/snapshot/first-paint-text';
import type { CurrentTab } from '../popup/first-reads';
import { block, shield } from '../shared/icon-paths';
import { FIRST_PAINT_ATTRIBUTE } from './handoff';
import { languageFor, type RecentPart, readRecent, readTab, readText, type TabPart } from './read-snapshot';

export interface FirstPaintInput {
  /** Everything storage.session held. */
  stored: Record<string, unknown>;
  /** The tab the popup was opened for; null when the browser named none. */
  tab: CurrentTab | null;
  /** The language setting's raw stored value. */
  language: unknown;
  now: number;
}

/** The few formatting helpers of components/i18n, for one language and one text record. */
function wordsFor(text: FirstPaintText, locale: LocaleTag, now: number) {
  const number = new Intl.NumberFormat(locale);
  let relative: Intl.RelativeTimeFormat | null = null;
  let regions: Intl.DisplayNames | null = null;
  const formatNumber = (value: number) => number.format(value);
  const fill = fillNamed;
  // A message the record lacks (written by an older or newer background) makes the whole paint void.
  let missing = false;
  const message = (key: FirstPaintMessage) => {
    const found = text.messages[key];
    if (!found) missing = true;
    return found ?? '';
  };
  const t = (key: FirstPaintMessage, params?: Record<string, string | number>) => fill(message(key), params);
  const tn = (key: FirstPaintMessage, count: number) => {
    return fill(pluralForm(message(key), count), { count: formatNumber(count) });
  };
  const formatRelative = (ms: number) => {
    const step = relativeStep(ms, now);
    if (step === 'just now') return t('common.justNow');
    relative ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return relative.format(step.value, step.unit);
  };
  const countryName = (code: string) => {
    const upper = code.toUpperCase();
    if (!/^[A-Z]{2}$/.test(upper)) return code;
    try {
      regions ??= new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
      return regions.of(upper) ?? upper;
    } catch {
      return upper;
    }
  };
  const serviceLabel = (service: string) => text.names[service] ?? service;
  const productLabel = (service: string, product: string) =>
    product ? (text.names[`${service}/${product}`] ?? text.names[service] ?? product) : serviceLabel(service);
  return {
    t,
    tn,
    formatNumber,
    formatRelative,
    countryName,
    serviceLabel,
    productLabel,
    missing: () => missing,
  };
}
type Words = ReturnType<typeof wordsFor>;

type Child = Node | string | null | false | undefined;

/** An element with attributes and children; strings become text nodes. */
function h(tag: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/**
 * The icons the first paint draws (components/shared/icon-paths). The settings button's gear is
 * left to the app: its space is kept, and the button does nothing before then anyway.
 */
const ICONS = { block, shield, none: '' };

const SVG = 'http://www.w3.org/2000/svg';

/** components/shared/Icon, decorative as there. */
function icon(name: keyof typeof ICONS, size: number, tone?: string): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', tone ? `icon ${tone}` : 'icon');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

/** A control the app makes work: shown, but not usable or focusable before then. */
function waitingButton(label: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement {
  return h('button', { type: 'button', disabled: '', ...attributes }, label, ...children);
}

/** components/shared/EventWhat hostOf: the host as shown. */
function shownHost(url: string | undefined | null): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** core/services hostOf: the host as matched against the services' hosts. */
function matchedHost(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** Whether a quiet tab's page is a service's: true, false, or null when only the app can tell. */
function isServicePage(url: string | null, text: FirstPaintText): boolean | null {
  const host = url ? matchedHost(url) : null;
  if (host === null) return false;
  if (text.pageHosts.includes(host)) return true;
  if (text.pathHosts.includes(host) || text.otherHostsMayBePages) return null;
  return false;
}

const isRefusal = (event: LogEvent) => event.kind !== 'warning' && event.kind !== 'unreachable';

/** components/shared/TimeAgo without its tooltip (the exact date), which the app adds. */
function timeAgo(ms: number, w: Words): HTMLElement {
  return h('time', { datetime: new Date(ms).toISOString() }, w.formatRelative(ms));
}

/** components/shared/ClampedText, its "Show all" waiting for the app. */
function clamped(text: string, max: number, w: Words): HTMLElement {
  if (text.length <= max) return h('span', { class: 'clamped' }, text);
  return h(
    'span',
    { class: 'clamped', title: text },
    `${text.slice(0, max).trimEnd()}…`,
    ' ',
    waitingButton(w.t('common.showAll'), { class: 'link-button', 'aria-expanded': 'false' }),
  );
}

/** components/shared/EventWhat: what was seen and, unless `relay` is false, the gateway it came through. */
function eventWhat(event: LogEvent, w: Words, relay = true): HTMLElement {
  const host = shownHost(event.url);
  let text: string;
  switch (event.kind) {
    case 'response':
      text = event.status
        ? w.t('event.kind.responseStatus', { status: event.status, host })
        : w.t('event.kind.response', { host });
      break;
    case 'page':
      text = w.t('event.kind.page', { host });
      break;
    case 'navigation':
      text = w.t('event.kind.navigation', { host });
      break;
    case 'text':
      text = w.t('event.kind.text');
      break;
    case 'unreachable':
      text = w.t('unreachable.kind', { host });
      break;
    default:
      text = event.country
        ? w.t('event.kind.warningCountry', {
            country: w.countryName(event.country),
            code: event.country.toUpperCase(),
          })
        : w.t('event.kind.warning');
  }
  const through =
    relay && event.relayedBy ? ` · ${w.t('relay.via', { gateway: w.serviceLabel(event.relayedBy) })}` : '';
  return h('span', { class: 'event-what' }, `${text}${through}`);
}

function cardHead(iconName: keyof typeof ICONS, tone: string, title: string): HTMLElement {
  return h(
    'div',
    { class: 'card-head' },
    icon(iconName, 20, tone),
    h('h1', { id: 'tab-title', class: 'card-title' }, title),
  );
}

const fact = (term: string, ...details: Child[]) => h('div', {}, h('dt', {}, term), h('dd', {}, ...details));

/** components/popup/TabSummary for a tab answer; null when only the app can tell. */
function tabSummary(tab: TabPart, w: Words, text: FirstPaintText): Node | null {
  const block = tab.events.find(isRefusal);
  if (block) {
    const others = tab.events.filter((e) => e !== block && isRefusal(e));
    const fragment = document.createDocumentFragment();
    fragment.append(
      h(
        'section',
        { class: 'card card-blocked', 'aria-labelledby': 'tab-title' },
        cardHead(
          'block',
          'tone-danger',
          w.t('popup.tab.blockedTitle', { service: w.productLabel(block.service, block.product) }),
        ),
        h(
          'dl',
          { class: 'facts' },
          fact(
            w.t('popup.tab.seen'),
            eventWhat(block, w, false),
            block.relayedBy &&
              h(
                'p',
                { class: 'muted small' },
                w.t('relay.seenThrough', {
                  gateway: w.serviceLabel(block.relayedBy),
                  service: w.serviceLabel(block.service),
                }),
              ),
          ),
          block.evidence
            ? fact(
                w.t('popup.tab.evidence'),
                h('q', { class: 'evidence' }, clamped(block.evidence, 120, w)),
                block.via === 'recogniser' && h('p', { class: 'muted small' }, w.t('recognition.byWording')),
              )
            : null,
          fact(
            w.t('popup.tab.when'),
            timeAgo(block.lastSeen, w),
            block.count > 1 && ' · ',
            block.count > 1 && w.tn('popup.tab.count', block.count),
          ),
        ),
      ),
    );
    if (others.length > 0) {
      const services = others
        .map((e) => w.productLabel(e.service, e.product))
        .join(w.t('common.listSeparator'));
      fragment.append(h('p', { class: 'muted small' }, w.t('popup.tab.alsoOnTab', { services })));
    }
    return fragment;
  }
  // A service out of reach or a page that did not load: rare, and left to the app, which draws
  // them a moment later (their cards would not fit the popup's size budget here).
  if (tab.pageFailed || tab.events.some((e) => e.kind === 'unreachable')) return null;
  const servicePage = isServicePage(tab.url, text);
  if (servicePage === null) return null;
  const host = servicePage ? shownHost(tab.url) : '';
  return h(
    'section',
    { class: 'card card-ok', 'aria-labelledby': 'tab-title' },
    cardHead('shield', 'tone-ok', w.t('popup.tab.noBlockTitle')),
    h(
      'p',
      { class: 'muted small' },
      host ? w.t('popup.tab.noBlockHost', { host }) : w.t('popup.tab.noBlockNoPage'),
    ),
  );
}

function eventRow(event: LogEvent, w: Words): HTMLElement {
  return h(
    'li',
    { class: event.kind === 'warning' ? 'event-row event-warning' : 'event-row' },
    h('span', { class: 'event-product' }, w.productLabel(event.service, event.product)),
    eventWhat(event, w),
    h(
      'span',
      { class: 'event-meta muted' },
      timeAgo(event.lastSeen, w),
      event.count > 1 && ` · ${w.tn('event.times', event.count)}`,
    ),
  );
}

/** components/popup/RecentEvents: grouped by service, the most recently active first. */
function recentEvents(recent: RecentPart, w: Words): HTMLElement {
  const groups = new Map<string, LogEvent[]>();
  for (const event of [...recent.events].sort((a, b) => b.lastSeen - a.lastSeen)) {
    const list = groups.get(event.service);
    if (list) list.push(event);
    else groups.set(event.service, [event]);
  }
  return h(
    'section',
    { class: 'recent', 'aria-labelledby': 'recent-title' },
    h('h2', { id: 'recent-title', class: 'section-title' }, w.t('popup.recent.title')),
    ...(groups.size === 0
      ? [h('p', { class: 'muted small' }, w.t('popup.recent.empty'))]
      : [...groups].map(([service, events]) =>
          h(
            'div',
            { class: 'event-group' },
            h(
              'h3',
              { class: 'group-title' },
              w.serviceLabel(service),
              ' ',
              h('span', { class: 'count-badge' }, w.formatNumber(events.length)),
            ),
            h('ul', { class: 'event-list' }, ...events.map((event) => eventRow(event, w))),
          ),
        )),
    waitingButton(
      recent.total > 0
        ? w.t('popup.recent.openLogCount', { count: w.formatNumber(recent.total) })
        : w.t('popup.recent.openLog'),
      { class: 'link-button' },
    ),
  );
}

/**
 * The first paint for what storage.session held, or null when it cannot show what the app would.
 * The root carries `data-ready` on its <main> as the app's does (bench/README.md): the tab's
 * verdict and the recent events are on screen.
 */
export function paintSnapshot(input: FirstPaintInput): { root: HTMLElement; locale: LocaleTag } | null {
  const text = readText(input.stored);
  if (!text) return null;
  const locale = languageFor(input.language, text);
  if (locale !== text.locale) return null;
  const recent = readRecent(input.stored);
  if (!recent) return null;
  // The store's view of the tab (components/stores/popup-store): the browser's address when the
  // background has none; no tab at all reads as a page Detour does not watch.
  let tab: TabPart = { url: null, events: [] };
  if (input.tab) {
    const stored = readTab(input.stored, input.tab.id);
    if (!stored) return null;
    tab = {
      ...stored,
      url: stored.url ?? input.tab.url,
      events: [...stored.events].sort((a, b) => b.lastSeen - a.lastSeen),
    };
  }
  const w = wordsFor(text, locale, input.now);
  const summary = tabSummary(tab, w, text);
  if (!summary) return null;
  const title = w.t('popup.openSettings');
  const root = h(
    'div',
    { class: 'popup', [FIRST_PAINT_ATTRIBUTE]: '' },
    h(
      'header',
      { class: 'popup-header' },
      h(
        'span',
        { class: 'brand' },
        icon('shield', 18, 'tone-accent'),
        h('span', { class: 'brand-name' }, w.t('popup.title')),
      ),
      h(
        'button',
        { type: 'button', class: 'icon-button', title, 'aria-label': title, disabled: '' },
        icon('none', 18),
      ),
    ),
    h('main', { class: 'popup-main', 'data-ready': '' }, summary, recentEvents(recent, w)),
  );
  return w.missing() ? null : { root, locale };
}
