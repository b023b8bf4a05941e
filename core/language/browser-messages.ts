/**
 * The messages every page and the background read, wired to the browser: browser.i18n as the
 * fallback, the build's own `_locales/<folder>/messages.json` for a language the browser would
 * not pick, and the `uiLanguage` setting (core/settings) as the choice, followed as it changes.
 */

import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { readSetting, settingItems } from '../settings/items';
import { UiLanguage } from './choice';
import { MessageSource, parseMessageTable } from './messages';

export const messages = new MessageSource({
  getMessage: (name, substitutions) =>
    (browser.i18n.getMessage as (n: string, s?: string[]) => string)(name, substitutions) ?? '',
  uiLanguage: () => browser.i18n.getUILanguage?.() ?? 'en',
  async loadTable(locale) {
    const url = (browser.runtime.getURL as (path: string) => string)(`/_locales/${locale}/messages.json`);
    const response = await fetch(url);
    if (!response.ok) return null;
    return parseMessageTable(await response.json());
  },
});

let applied: Promise<unknown> = Promise.resolve();
/** Settles once the stored choice is applied (at once when nothing follows the setting). */
export function whenLanguageApplied(): Promise<void> {
  return applied.then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Applies the stored language choice, then follows it: `onSwitch` runs after every change of the
 * locale in use (not for a change that keeps it, e.g. "follow the browser" → the browser's own).
 * Returns the unwatch.
 */
export async function followLanguageSetting(onSwitch: () => void = () => {}): Promise<() => void> {
  const setting = settingItems().uiLanguage;
  const unwatch = setting.item.watch((value) => {
    const parsed = v.safeParse(UiLanguage, value ?? 'browser');
    if (!parsed.success) return;
    void messages.use(parsed.output).then((switched) => {
      if (switched) onSwitch();
    });
  });
  applied = readSetting(setting).then((choice) => messages.use(choice));
  await applied;
  return unwatch;
}
