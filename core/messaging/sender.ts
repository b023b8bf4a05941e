/**
 * Who sent a message, and whether the background may believe it.
 * Page-derived reports are believed only from our own content script in the top frame of a tab
 * whose URL is on a known service's hosts (or a host the user granted for a service). Popup and
 * options requests only from our own extension pages.
 */
import type { ServiceProduct } from '../services';
import type { RefusalReason } from './protocol';

/** The parts of runtime.MessageSender we read (the same in Chrome and Firefox). */
export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface SenderDeps {
  extensionId: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionOrigin: string;
  /** Known service of a URL: core/services' findProduct, then the user's granted hosts. */
  productOf: (url: string) => ServiceProduct | null;
}

export type PageSender = { ok: true; tabId: number; pageUrl: string } & ServiceProduct;
export type Refusal = { ok: false; reason: RefusalReason };

export function checkPageSender(sender: MessageSender | undefined, deps: SenderDeps): PageSender | Refusal {
  if (!sender || sender.id !== deps.extensionId) return { ok: false, reason: 'foreignSender' };
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return { ok: false, reason: 'foreignSender' };
  if (sender.frameId !== undefined && sender.frameId !== 0) return { ok: false, reason: 'notTopFrame' };
  const pageUrl = sender.url ?? sender.tab?.url;
  if (!pageUrl || !/^https?:\/\//i.test(pageUrl)) return { ok: false, reason: 'senderNotWatched' };
  if (pageUrl.startsWith(deps.extensionOrigin)) return { ok: false, reason: 'senderNotWatched' };
  const match = deps.productOf(pageUrl);
  if (!match) return { ok: false, reason: 'senderNotWatched' };
  return { ok: true, tabId, pageUrl, service: match.service, product: match.product };
}

export function checkExtensionPage(
  sender: MessageSender | undefined,
  deps: SenderDeps,
): { ok: true } | Refusal {
  if (!sender || sender.id !== deps.extensionId) return { ok: false, reason: 'foreignSender' };
  const url = sender.url ?? '';
  if (!url.startsWith(deps.extensionOrigin)) return { ok: false, reason: 'notExtensionPage' };
  return { ok: true };
}
