/**
 * What the toolbar badge shows for a tab: the number of blocks seen since its last navigation
 * and a title naming the services, or a warning state (the exit country is not served) when
 * there is no block. Pure; the background applies it through browser.action.
 */
import type { TabState } from '../log/tab-states';

export const BLOCK_COLOR = '#B3261E';
export const WARNING_COLOR = '#A15C00';

export type BadgeView =
  | { state: 'none' }
  | { state: 'blocked'; text: string; color: string; services: string[] }
  | { state: 'warning'; text: string; color: string; services: string[] };

export function badgeView(tab: TabState, enabled: boolean): BadgeView {
  if (!enabled) return { state: 'none' };
  const blocks = tab.events.filter((e) => e.kind !== 'warning');
  const unique = (list: typeof tab.events) => [...new Set(list.map((e) => e.service))];
  if (blocks.length > 0) {
    return {
      state: 'blocked',
      text: blocks.length > 99 ? '99+' : String(blocks.length),
      color: BLOCK_COLOR,
      services: unique(blocks),
    };
  }
  const warnings = tab.events.filter((e) => e.kind === 'warning');
  if (warnings.length > 0)
    return { state: 'warning', text: '!', color: WARNING_COLOR, services: unique(warnings) };
  return { state: 'none' };
}
