/**
 * The one message content scripts send. Kept apart from protocol.ts so a content script bundle
 * imports only the messaging library and types, never valibot or the engine (size budget).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

export const { sendMessage: sendToBackground } =
  defineExtensionMessaging<Pick<ProtocolMap, 'reportObservation'>>();
