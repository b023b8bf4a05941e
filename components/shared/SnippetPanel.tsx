/**
 * Migration code for one platform in four forms (Python, Node, curl, environment variables),
 * as an accessible tab list with a copy button. The model name is a suggestion by tier.
 */
import { useRef, useState } from 'preact/hooks';
import { t, tMaybe } from '../i18n';
import type { SnippetLanguage, SnippetSetView, SnippetView } from '../view-models';
import { CopyButton } from './CopyButton';
import { ExternalLink } from './ExternalLink';

const LANGUAGE_KEYS = {
  python: 'snippet.python',
  node: 'snippet.node',
  curl: 'snippet.curl',
  env: 'snippet.env',
} as const satisfies Record<SnippetLanguage, string>;

export function SnippetPanel({
  idPrefix,
  set,
  sourceModel,
  sourceModels,
  onSourceModel,
}: {
  idPrefix: string;
  set: SnippetSetView;
  sourceModel: string;
  sourceModels: readonly string[];
  onSourceModel: (model: string) => void;
}) {
  const [active, setActive] = useState(0);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  if (!set.ok) {
    return (
      <p class="muted small">
        {tMaybe(set.reasonKey, set.reasonParams) ?? t('snippet.none')}{' '}
        {set.docsUrl ? <ExternalLink href={set.docsUrl}>{t('suggestion.docs')}</ExternalLink> : null}
      </p>
    );
  }
  const snippets = set.snippets;
  if (snippets.length === 0) return <p class="muted small">{t('snippet.none')}</p>;
  const current = snippets[Math.min(active, snippets.length - 1)] as SnippetView;

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onKeyDown = (event: KeyboardEvent) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (active + delta + snippets.length) % snippets.length;
    setActive(next);
    tabs.current[next]?.focus();
  };

  return (
    <div class="snippets">
      <div class="row">
        <label class="small" for={`${idPrefix}-model`}>
          {t('snippet.fromModel')}
        </label>
        <select
          id={`${idPrefix}-model`}
          class="select-small"
          value={sourceModel}
          onChange={(e) => onSourceModel((e.target as HTMLSelectElement).value)}
        >
          {sourceModels.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
        </select>
      </div>
      <div class="row row-between">
        <div role="tablist" class="tabs" aria-label={t('snippet.tablistLabel')} onKeyDown={onKeyDown}>
          {snippets.map((snippet, index) => (
            <button
              key={snippet.language}
              ref={(el) => {
                tabs.current[index] = el;
              }}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${snippet.language}`}
              aria-selected={index === active}
              aria-controls={`${idPrefix}-panel`}
              tabIndex={index === active ? 0 : -1}
              class="tab"
              onClick={() => setActive(index)}
            >
              {t(LANGUAGE_KEYS[snippet.language])}
            </button>
          ))}
        </div>
        <CopyButton text={current.code} label={t('snippet.copy')} />
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel`}
        aria-labelledby={`${idPrefix}-tab-${current.language}`}
        class="code-block"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable code panel must be reachable by keyboard (ARIA tabs pattern)
        tabIndex={0}
      >
        <pre>
          <code>{current.code}</code>
        </pre>
      </div>
      {set.notes.length > 0 ? (
        <ul class="notes small muted">
          {set.notes.map((note) => {
            const text = tMaybe(note.key, note.params);
            return text ? <li key={note.key + JSON.stringify(note.params ?? {})}>{text}</li> : null;
          })}
        </ul>
      ) : null}
    </div>
  );
}
