/** A link to a vendor's page, opened in a new tab; only https URLs from the catalog are linked. */
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { Icon } from './Icon';

export function isSafeLink(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export function ExternalLink({
  href,
  children,
  class: className,
}: {
  href: string;
  children: ComponentChildren;
  class?: string;
}) {
  if (!isSafeLink(href)) return <span class={className}>{children}</span>;
  return (
    <a class={className} href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <Icon name="external" size={12} class="icon-external" />
      <span class="visually-hidden">{t('common.opensNewTab')}</span>
    </a>
  );
}
