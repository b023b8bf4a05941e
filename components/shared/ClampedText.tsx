/**
 * Text that came from a page or a response: rendered as a text node (never HTML), cut to
 * `max` characters with the whole text one click away and in the tooltip.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n';

export function ClampedText({
  text,
  max = 140,
  class: className,
}: {
  text: string;
  max?: number;
  class?: string;
}) {
  const [open, setOpen] = useState(false);
  const long = text.length > max;
  const shown = open || !long ? text : `${text.slice(0, max).trimEnd()}…`;
  return (
    <span class={className ? `clamped ${className}` : 'clamped'} title={long ? text : undefined}>
      {shown}
      {long ? (
        <>
          {' '}
          <button type="button" class="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('common.showLess') : t('common.showAll')}
          </button>
        </>
      ) : null}
    </span>
  );
}
