/**
 * The background's side of the first paint's text (core/snapshot/first-paint-text): built from the
 * same messages and services data the pages use, written at every worker start once the language
 * choice is applied and again whenever the language in use changes.
 */
import { LOCALE_TAG, type MessageLocale } from '../language/choice';
import { productName, SERVICES, serviceName } from '../services';
import type { KeyValueArea } from '../storage/key-value-area';
import {
  FIRST_PAINT_MESSAGES,
  FIRST_PAINT_TEXT_KEY,
  type FirstPaintText,
  type LocaleTag,
} from './first-paint-text';

/** What core/language's MessageSource tells of the messages in use. */
export interface MessagesInUse {
  /** A message by its messages.json name (dots as underscores), unfilled; '' when missing. */
  get(name: string): string;
  /** The language in use. */
  readonly tag: LocaleTag;
  /** The locale folder "follow the browser" resolves to. */
  readonly followed: MessageLocale;
}

/**
 * Which hosts are a service's page, decided as core/services' findProduct does (exact hosts; a
 * path-limited entry wins over the host's catch-all; an API host is no page): a host is listed as
 * a page only where the answer does not depend on the path.
 */
function pageHostLists(): Pick<FirstPaintText, 'pageHosts' | 'pathHosts' | 'otherHostsMayBePages'> {
  const entries = new Map<string, Array<{ role: string; paths: boolean }>>();
  let otherHostsMayBePages = false;
  for (const service of SERVICES) {
    for (const product of service.products) {
      for (const host of product.hosts) {
        entries.set(host, [...(entries.get(host) ?? []), { role: product.role, paths: !!product.paths }]);
      }
      if (product.role !== 'api' && (product.hostPatterns?.length ?? 0) > 0) otherHostsMayBePages = true;
    }
  }
  const pageHosts: string[] = [];
  const pathHosts: string[] = [];
  for (const [host, list] of entries) {
    if (list.some((entry) => entry.paths)) pathHosts.push(host);
    else if (list[0]?.role !== 'api') pageHosts.push(host);
  }
  return { pageHosts, pathHosts, otherHostsMayBePages };
}

export function firstPaintText(messages: MessagesInUse): FirstPaintText {
  const names: Record<string, string> = {};
  for (const service of SERVICES) {
    names[service.slug] = serviceName(service.slug, messages.tag);
    for (const product of service.products) {
      names[`${service.slug}/${product.slug}`] = productName(service.slug, product.slug, messages.tag);
    }
  }
  const text = Object.fromEntries(
    FIRST_PAINT_MESSAGES.map((key) => [key, messages.get(key.replaceAll('.', '_'))]),
  ) as FirstPaintText['messages'];
  return {
    locale: messages.tag,
    followed: LOCALE_TAG[messages.followed],
    messages: text,
    names,
    ...pageHostLists(),
  };
}

/** Writes the text; a failed write only means the popup paints when the app has loaded. */
export async function writeFirstPaintText(session: KeyValueArea, messages: MessagesInUse): Promise<void> {
  await session.set({ [FIRST_PAINT_TEXT_KEY]: firstPaintText(messages) });
}

/**
 * The write at a worker's start, before the language choice is applied: only when storage.session
 * holds no text yet (a browser start). A worker waking from idle finds the text its last life
 * wrote in the chosen language; writing the browser's own language over it first would leave a
 * popup opened in between without a first paint (its language would not match the popup's).
 */
export async function writeFirstPaintTextIfMissing(
  session: KeyValueArea,
  messages: MessagesInUse,
): Promise<boolean> {
  const stored = await session.get([FIRST_PAINT_TEXT_KEY]);
  if (stored[FIRST_PAINT_TEXT_KEY] !== undefined) return false;
  await writeFirstPaintText(session, messages);
  return true;
}
