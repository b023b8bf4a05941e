/**
 * Messages in the browser's own format (`_locales/<folder>/messages.json`, as @wxt-dev/i18n
 * builds them from locales/*.yml) and a MessageSource that answers from the chosen folder's
 * table, falling back to browser.i18n for a key the table lacks or when no table could be read.
 */
import * as v from 'valibot';
import { LOCALE_TAG, type MessageLocale, resolveLocale, type UiLanguage } from './choice';

export type MessageTable = Readonly<Record<string, { message: string }>>;

const MessageTableSchema = v.record(
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9_@]+$/)),
  v.object({ message: v.string() }),
);

/** A parsed messages.json, or null when it is not one (the caller keeps browser.i18n). */
export function parseMessageTable(json: unknown): MessageTable | null {
  const parsed = v.safeParse(MessageTableSchema, json);
  return parsed.success ? parsed.output : null;
}

/**
 * chrome.i18n.getMessage over a table: `$1`…`$9` from the substitutions, `$$` → `$`, and ''
 * for an unknown key, so callers treat it exactly like the browser's answer.
 */
export function tableMessage(table: MessageTable, name: string, substitutions?: readonly string[]): string {
  const entry = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!entry) return '';
  const subs = substitutions ?? [];
  return entry.message.replace(/\$(\$|[1-9])/g, (_m, what: string) =>
    what === '$' ? '$' : (subs[Number(what) - 1] ?? ''),
  );
}

/** What a MessageSource needs from the browser. */
export interface MessagePorts {
  /** browser.i18n.getMessage: the browser's own pick of locale. */
  getMessage(name: string, substitutions?: string[]): string;
  /** browser.i18n.getUILanguage. */
  uiLanguage(): string;
  /** Reads `_locales/<locale>/messages.json` from the extension; null when it cannot. */
  loadTable(locale: MessageLocale): Promise<MessageTable | null>;
}

export class MessageSource {
  private table: MessageTable | null = null;
  private current: MessageLocale | null = null;
  private generation = 0;

  constructor(private readonly ports: MessagePorts) {}

  /** The locale folder whose messages are read now. */
  get locale(): MessageLocale {
    return this.current ?? this.browserLocale();
  }

  /**
   * The locale folder "follow the browser" resolves to in this browser: the browser's own pick when
   * it found one of Detour's Chinese tables, else the UI language's (zh-HK has no table of its own:
   * the browser falls back to English, Detour to Traditional Chinese). The browser's pick comes
   * first because a worker just started has been seen to report its UI language as English for a
   * moment while answering getMessage from the Chinese table.
   */
  get followed(): MessageLocale {
    const own = this.browserLocale();
    return own !== 'en' ? own : resolveLocale('browser', this.ports.uiLanguage());
  }

  /** The BCP 47 tag of the messages in use. */
  get tag(): 'en' | 'zh-CN' | 'zh-TW' {
    return LOCALE_TAG[this.locale];
  }

  /**
   * Switches to the messages for `choice`. When the browser already serves that locale, no file
   * is read. A file that cannot be read or parsed leaves the browser's messages in use.
   * Returns whether the locale in use changed.
   */
  async use(choice: UiLanguage): Promise<boolean> {
    const before = this.locale;
    const wanted = choice === 'browser' ? this.followed : resolveLocale(choice, this.ports.uiLanguage());
    const generation = ++this.generation;
    let table: MessageTable | null = null;
    if (wanted !== this.browserLocale()) {
      try {
        table = await this.ports.loadTable(wanted);
      } catch {
        table = null;
      }
    }
    // A later choice made while this one loaded wins.
    if (generation !== this.generation) return false;
    this.table = table;
    this.current = table ? wanted : null;
    return this.locale !== before;
  }

  /** Like browser.i18n.getMessage, from the chosen messages. */
  get(name: string, substitutions?: string[]): string {
    if (this.table) {
      const text = tableMessage(this.table, name, substitutions);
      if (text) return text;
    }
    return this.ports.getMessage(name, substitutions);
  }

  /** The folder browser.i18n answers from, read from its own `meta.locale` message. */
  private browserLocale(): MessageLocale {
    const tag = this.ports.getMessage('meta_locale');
    return tag === 'zh-CN' ? 'zh_CN' : tag === 'zh-TW' ? 'zh_TW' : 'en';
  }
}
