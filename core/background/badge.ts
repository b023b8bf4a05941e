/**
 * What the toolbar badge shows for a tab: the number of blocks seen since its last navigation
 * and a title naming the services; without a block, a service that could not be reached from
 * this network; last, the warning state (exit country not served). Pure; the background applies
 * it through browser.action.
 */
import { isRefusal } from '../log/event';
import type { TabState } from '../log/tab-states';

export const BLOCK_COLOR = '#B3261E';
export const WARNING_COLOR = '#A15C00';
/** Slate: not the red of a refusal (nothing refused the user) and not the amber of a warning. */
export const UNREACHABLE_COLOR = '#455A64';
/** A cross in the badge: the page did not get through. */
export const UNREACHABLE_TEXT = '\u00D7';

export type BadgeView =
  | { state: 'none' }
  | { state: 'blocked'; text: string; color: string; services: string[] }
  | { state: 'unreachable'; text: string; color: string; services: string[] }
  | { state: 'warning'; text: string; color: string; services: string[] };

export function badgeView(tab: TabState, enabled: boolean): BadgeView {
  if (!enabled) return { state: 'none' };
  const blocks = tab.events.filter(isRefusal);
  const unique = (list: typeof tab.events) => [...new Set(list.map((e) => e.service))];
  if (blocks.length > 0) {
    return {
      state: 'blocked',
      text: blocks.length > 99 ? '99+' : String(blocks.length),
      color: BLOCK_COLOR,
      services: unique(blocks),
    };
  }
  const unreachable = tab.events.filter((e) => e.kind === 'unreachable');
  if (unreachable.length > 0)
    return {
      state: 'unreachable',
      text: UNREACHABLE_TEXT,
      color: UNREACHABLE_COLOR,
      services: unique(unreachable),
    };
  const warnings = tab.events.filter((e) => e.kind === 'warning');
  if (warnings.length > 0)
    return { state: 'warning', text: '!', color: WARNING_COLOR, services: unique(warnings) };
  return { state: 'none' };
}
