/**
 * Adapters from the background's ports to browser APIs: badge, notifications, scripting,
 * permissions, and translated text for the background. The only file in core/background that
 * touches `browser`.
 */
import { browser } from 'wxt/browser';
import { messages, whenLanguageApplied } from '../language/browser-messages';
import type { LogEvent } from '../log/event';
import type { TabState } from '../log/tab-states';
import { serviceName } from '../services';
import type { Settings } from '../settings/schema';
import { badgeView } from './badge';
import type { ContentScriptSpec, HostPorts } from './granted-hosts';
import type { NotifyGate } from './notify-gate';
import type { BadgePort, NotifyPort } from './recorder';

/**
 * A message in the language chosen in the options (core/language), with `{name}` placeholders
 * filled (keys as in the YAML, dotted).
 */
export function message(key: string, params: Record<string, string> = {}): string {
  const raw = messages.get(key.replaceAll('.', '_')) || key;
  return raw.replace(/\{([A-Za-z0-9_]+)\}/g, (m, name: string) => params[name] ?? m);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** The language of the messages in use, so service names match the sentence around them. */
function uiLocale(): string {
  return messages.tag;
}

const action = () =>
  browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

const BADGE_TITLES = {
  blocked: 'background.badgeBlocked',
  unreachable: 'unreachable.badgeTitle',
  warning: 'background.badgeWarning',
} as const;

export function badgeAdapter(): BadgePort {
  return {
    async show(tabId: number, state: TabState, settings: Settings) {
      const view = badgeView(state, settings.badge);
      const a = action();
      await whenLanguageApplied();
      if (view.state === 'none') {
        await a.setBadgeText({ tabId, text: '' });
        await a.setTitle({ tabId, title: message('extName') });
        return;
      }
      const names = view.services.map((s) => serviceName(s, uiLocale())).join(', ');
      await a.setBadgeText({ tabId, text: view.text });
      await a.setBadgeBackgroundColor({ tabId, color: view.color });
      await a.setTitle({
        tabId,
        title: message(BADGE_TITLES[view.state], { services: names }),
      });
    },
  };
}

export function notifyAdapter(gate: NotifyGate): NotifyPort {
  return {
    async blocked(event: LogEvent, settings: Settings) {
      if (!settings.notifications || event.kind === 'warning') return;
      if (!(await gate.claim(event.service))) return;
      await whenLanguageApplied();
      const name = serviceName(event.service, uiLocale());
      // Nothing refused the user when the service could not be reached: its own words, not a block's.
      const unreachable = event.kind === 'unreachable';
      await browser.notifications.create(`detour-block-${event.service}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icons/128.png'),
        title: unreachable
          ? message('unreachable.notificationTitle', { host: hostOf(event.url) || name })
          : message('background.notificationTitle', { service: name }),
        message: unreachable
          ? message('unreachable.notificationBody')
          : event.relayedBy
            ? message('relay.notificationBody', {
                gateway: serviceName(event.relayedBy, uiLocale()),
                service: name,
              })
            : message('background.notificationBody'),
      });
    },
  };
}

export function hostPortsAdapter(): Omit<HostPorts, 'area' | 'isKnownService'> {
  return {
    hasPermission: (origins) => browser.permissions.contains({ origins }),
    async register(scripts: ContentScriptSpec[]) {
      await browser.scripting.registerContentScripts(
        scripts.map((s) => ({
          id: s.id,
          matches: s.matches,
          js: s.js,
          runAt: s.runAt,
          ...(s.world ? { world: s.world } : {}),
          persistAcrossSessions: true,
        })) as never,
      );
    },
    async unregister(ids) {
      await browser.scripting.unregisterContentScripts({ ids });
    },
    async registeredIds() {
      return (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id);
    },
    files: { pageWatch: 'content-scripts/page-watch.js', fetchTap: 'content-scripts/fetch-tap.js' },
  };
}
