/**
 * The one message content scripts send. Kept apart from protocol.ts so a content script bundle
 * imports only the messaging library and types, never valibot or the engine (size budget).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

export const { sendMessage: sendToBackground } =
  defineExtensionMessaging<Pick<ProtocolMap, 'reportObservation'>>();

/** background → the page-text watcher in one tab: something happened that a banner may follow. */
export interface PageWatchMap {
  armPageWatch(input: { reason: 'failedRequest' | 'route' }): void;
}
export const { sendMessage: sendToPageWatch, onMessage: onPageWatchMessage } =
  defineExtensionMessaging<PageWatchMap>();
