/**
 * Text as data, for answers the core gives and the UI words: a message key with its parameters
 * (codes and ISO dates, which the UI turns into names and local dates), or text that carries its
 * own translations (catalog data). Core never formats text for a reader.
 */

/** A key in locales/*.yml with the values of its `{placeholders}`. */
export interface MessageRef {
  key: string;
  params?: Record<string, string>;
}

/** Data that carries its own translations; the UI picks its language. */
export type LocalizedText = Partial<Record<'en' | 'zh-CN' | 'zh-TW', string>>;
