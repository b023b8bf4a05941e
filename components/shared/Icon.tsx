/**
 * The few icons the UI uses, inline so nothing is fetched. Decorative: hidden from screen
 * readers; the text beside them carries the meaning.
 */
import {
  block,
  check,
  chevron,
  copy,
  external,
  globe,
  info,
  refresh,
  settings,
  shield,
  warning,
} from './icon-paths';

const PATHS = { shield, block, check, warning, info, copy, external, settings, refresh, chevron, globe };

export type IconName = keyof typeof PATHS;

export function Icon({
  name,
  size = 16,
  class: className,
}: {
  name: IconName;
  size?: number;
  class?: string;
}) {
  return (
    <svg
      class={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d={PATHS[name]} />
    </svg>
  );
}
