/**
 * The only place popup and options touch the browser. Stores receive an ExtensionClient,
 * so tests hand them one built on fakeBrowser (the same code, a different browser object)
 * and components never call browser APIs themselves.
 */
import { browser } from 'wxt/browser';
import { type ProtocolMap, sendMessage } from '../core/messaging/protocol';

export type MessageType = keyof ProtocolMap;
export type MessageInput<K extends MessageType> = Parameters<ProtocolMap[K]>[0];
export type MessageOutput<K extends MessageType> = ReturnType<ProtocolMap[K]>;

export interface DownloadFile {
  filename: string;
  mime: string;
  text: string;
}

export interface ExtensionClient {
  send<K extends MessageType>(type: K, input: MessageInput<K>): Promise<MessageOutput<K>>;
  /** Reads keys of storage.session (the popup's snapshot, core/snapshot): no message, no worker. */
  readSession(keys: string[]): Promise<Record<string, unknown>>;
  /** The tab the popup was opened for: `?tabId=` in the page URL wins (tests, demo), else the active tab. */
  currentTab(): Promise<{ id: number; url: string | null } | null>;
  /** Open the options page, optionally at a section anchor such as `log`. */
  openOptions(section?: string): Promise<void>;
  openTab(url: string): Promise<void>;
  copyText(text: string): Promise<boolean>;
  download(file: DownloadFile): void;
  /** Must be called straight from a click handler: browsers only show the prompt for a user gesture. */
  requestHostPermissions(origins: string[]): Promise<boolean>;
  removeHostPermissions(origins: string[]): Promise<boolean>;
  grantedHostPermissions(): Promise<string[]>;
  extensionVersion(): string;
  uiLanguage(): string;
  timeZone(): string;
}

export function createExtensionClient(): ExtensionClient {
  return {
    send: (type, input) => sendMessage(type, input as never) as never,
    async readSession(keys) {
      const area = browser.storage.session;
      if (!area) return {};
      return (await area.get(keys)) as Record<string, unknown>;
    },
    async currentTab() {
      const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('tabId');
      if (fromUrl && /^\d+$/.test(fromUrl)) {
        const id = Number(fromUrl);
        const tab = await browser.tabs.get(id).catch(() => null);
        return { id, url: tab?.url ?? null };
      }
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id === undefined ? null : { id: tab.id, url: tab.url ?? null };
    },
    async openOptions(section) {
      const url = browser.runtime.getURL(`/options.html${section ? `#${section}` : ''}`);
      await browser.tabs.create({ url });
      // A popup stays open over the new tab in some browsers; close it like a menu would.
      if (globalThis.location?.pathname.endsWith('/popup.html')) globalThis.close?.();
    },
    async openTab(url) {
      await browser.tabs.create({ url });
    },
    async copyText(text) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    },
    download(file) {
      const blob = new Blob([file.text], { type: file.mime });
      const href = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = file.filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    },
    requestHostPermissions: (origins) => browser.permissions.request({ origins }),
    removeHostPermissions: (origins) => browser.permissions.remove({ origins }),
    async grantedHostPermissions() {
      const all = await browser.permissions.getAll();
      return all.origins ?? [];
    },
    extensionVersion: () => browser.runtime.getManifest().version,
    uiLanguage: () => browser.i18n.getUILanguage(),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
