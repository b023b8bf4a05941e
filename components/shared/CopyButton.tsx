/** A copy button that says, visibly and to screen readers, whether the copy worked. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { useClient } from './client-context';
import { Icon } from './Icon';

export function CopyButton({
  text,
  label,
  class: className,
}: {
  text: string;
  label: string;
  class?: string;
}) {
  const client = useClient();
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (result === 'idle') return;
    const timer = setTimeout(() => setResult('idle'), 2000);
    return () => clearTimeout(timer);
  }, [result]);
  const shown =
    result === 'copied' ? t('common.copied') : result === 'failed' ? t('common.copyFailed') : label;
  return (
    <button
      type="button"
      class={className ? `button button-small ${className}` : 'button button-small'}
      onClick={async () => setResult((await client.copyText(text)) ? 'copied' : 'failed')}
    >
      <Icon name={result === 'copied' ? 'check' : 'copy'} size={14} />
      <span aria-live="polite">{shown}</span>
    </button>
  );
}
