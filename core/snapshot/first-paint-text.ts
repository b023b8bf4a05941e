/**
 * The text the popup's first paint needs (components/first-paint), kept by the background in
 * storage.session beside the snapshot: the few messages it shows, already in the language the
 * background speaks (it follows the same language setting as every page), the services' display
 * names, and which hosts are the services' own pages. With it the first paint needs neither the
 * message tables, the services table nor their schemas, which are most of the popup's script.
 *
 * This file imports nothing: the first paint's bundle includes it.
 */

export const FIRST_PAINT_TEXT_KEY = 'popup.text';

/** The messages the first paint shows (dotted keys as in locales/en.yml), unfilled. */
export const FIRST_PAINT_MESSAGES = [
  'popup.title',
  'popup.openSettings',
  'popup.tab.blockedTitle',
  'popup.tab.seen',
  'popup.tab.evidence',
  'popup.tab.when',
  'popup.tab.count',
  'popup.tab.alsoOnTab',
  'popup.tab.noBlockTitle',
  'popup.tab.noBlockHost',
  'popup.tab.noBlockNoPage',
  'popup.recent.title',
  'popup.recent.empty',
  'popup.recent.openLog',
  'popup.recent.openLogCount',
  'unreachable.kind',
  'recognition.byWording',
  'relay.seenThrough',
  'relay.via',
  'event.times',
  'event.kind.responseStatus',
  'event.kind.response',
  'event.kind.page',
  'event.kind.navigation',
  'event.kind.text',
  'event.kind.warningCountry',
  'event.kind.warning',
  'common.justNow',
  'common.showAll',
  'common.listSeparator',
] as const;
export type FirstPaintMessage = (typeof FIRST_PAINT_MESSAGES)[number];

export type LocaleTag = 'en' | 'zh-CN' | 'zh-TW';

export interface FirstPaintText {
  /** The language the messages and names are in. */
  locale: LocaleTag;
  /** The language "follow the browser" gives in this browser (the popup's choice may be that). */
  followed: LocaleTag;
  messages: Record<FirstPaintMessage, string>;
  /** Display names: `service` and `service/product` slugs. */
  names: Record<string, string>;
  /** Hosts whose every page belongs to a service (the popup names them on a quiet tab). */
  pageHosts: string[];
  /** Hosts where only some paths belong to a service: the first paint leaves the verdict to the app. */
  pathHosts: string[];
  /** Whether a host in neither list may still be a service's page (a host pattern of a web app). */
  otherHostsMayBePages: boolean;
}
