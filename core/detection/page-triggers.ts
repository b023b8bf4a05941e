/**
 * A cheap first look for content scripts: could this text be a region-block banner at all?
 * True for any text a page rule could match (page-triggers.test.ts checks every page rule's
 * phrases against this list), false for most text, so the content script only sends the
 * background what might matter. Dependency-free and tiny on purpose: it ships in every page.
 *
 * When a page rule gets a phrase that none of these words covers, the test names the phrase;
 * add a short word from it here (lower case, no spaces or quotes, so spacing and quote style
 * on the page do not matter).
 */
export const PAGE_TRIGGERS = [
  'availab',
  'support',
  'allowed',
  'vpn',
  'disabled',
  'поддерживается',
  'trade_restricted',
  'abrageoblocked',
  'regionerror',
  'banned',
  '1009',
  '不可用',
  '不支持',
] as const;

const TRIGGER = new RegExp(PAGE_TRIGGERS.join('|'), 'i');

export function mightMatterForPage(text: string): boolean {
  return TRIGGER.test(text);
}
