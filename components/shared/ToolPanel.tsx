/**
 * "Use it in…": the tools that can use one platform (Claude Code, Cherry Studio, Continue, …) as
 * an ARIA tab list. Each tab shows where the base URL goes, the base URL and model to copy, the
 * tool's config text with a copy button, and its pitfalls. Choosing a tab remembers the tool, so
 * it comes first next time. Keys never appear: configs carry `$VAR` or `<VAR>` placeholders.
 */
import { useRef, useState } from 'preact/hooks';
import { t, tMaybe } from '../i18n';
import type { ToolConfigView } from '../view-models';
import { CopyButton } from './CopyButton';
import { ExternalLink } from './ExternalLink';
import { Icon } from './Icon';

/** Shown on the card itself (it concerns the platform, not one tool), so not again per tool. */
export const CARD_LEVEL_PITFALLS = new Set(['tools.pitfall.keyRegion']);

function whereText(tool: ToolConfigView): string {
  if (tool.where.kind === 'file') return t('tools.whereFile', { path: tool.where.path });
  if (tool.where.kind === 'env') return t('tools.whereEnv');
  return tMaybe(tool.where.key) ?? t('tools.whereSettings');
}

export function ToolPanel({
  idPrefix,
  tools,
  onChoose,
}: {
  idPrefix: string;
  tools: ToolConfigView[];
  onChoose?: (toolId: string) => void;
}) {
  const [active, setActive] = useState(0);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  if (tools.length === 0) return <p class="muted small">{t('tools.none')}</p>;
  const index = Math.min(active, tools.length - 1);
  const tool = tools[index] as ToolConfigView;

  const choose = (next: number, focus: boolean) => {
    setActive(next);
    const chosen = tools[next];
    if (chosen) onChoose?.(chosen.toolId);
    if (focus) tabs.current[next]?.focus();
  };
  // Arrow keys, Home and End move between tabs, as the ARIA tabs pattern expects.
  const onKeyDown = (event: KeyboardEvent) => {
    const last = tools.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tools.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tools.length) % tools.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    choose(next, true);
  };

  const pitfalls = tool.pitfalls
    .filter((p) => !CARD_LEVEL_PITFALLS.has(p.key))
    .map((p) => ({ id: p.key + JSON.stringify(p.params ?? {}), text: tMaybe(p.key, p.params) }))
    .filter((p): p is { id: string; text: string } => !!p.text);
  const panelId = `${idPrefix}-tool-panel`;
  return (
    <div class="tools">
      <div role="tablist" class="tabs tabs-wrap" aria-label={t('tools.tablistLabel')} onKeyDown={onKeyDown}>
        {tools.map((each, i) => (
          <button
            key={each.toolId}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tool-${each.toolId}`}
            aria-selected={i === index}
            aria-controls={panelId}
            tabIndex={i === index ? 0 : -1}
            class="tab"
            onClick={() => choose(i, false)}
          >
            {each.name}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={panelId}
        aria-labelledby={`${idPrefix}-tool-${tool.toolId}`}
        class="tool-panel"
      >
        {pitfalls.length > 0 ? (
          <ul class="tool-pitfalls" aria-label={t('tools.pitfallsLabel')}>
            {pitfalls.map((p) => (
              <li key={p.id} class="small tone-warn-text">
                <Icon name="warning" size={12} /> {p.text}
              </li>
            ))}
          </ul>
        ) : null}
        <p class="small">{whereText(tool)}</p>
        <div class="base-url">
          <span class="muted small">{t('tools.baseUrl')}</span>
          <code class="truncate" title={tool.baseUrl}>
            {tool.baseUrl}
          </code>
          <CopyButton text={tool.baseUrl} label={t('tools.copyBaseUrl')} />
        </div>
        <div class="base-url">
          <span class="muted small">{t('tools.model', { field: tool.modelField })}</span>
          <code class="truncate" title={tool.model}>
            {tool.model}
          </code>
          <CopyButton text={tool.model} label={t('tools.copyModel')} />
        </div>
        {tool.configs.map((config) => {
          const label = config.path ?? t(config.label === 'env' ? 'tools.configEnv' : 'tools.configFile');
          return (
            <div key={`${config.label}-${config.path}`} class="tool-config">
              <div class="row row-between">
                <span class="small muted">{label}</span>
                <CopyButton text={config.code} label={t('tools.copyConfig')} />
              </div>
              <section
                class="code-block"
                aria-label={t('tools.configLabel', { tool: tool.name, label })}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable code block must be reachable by keyboard
                tabIndex={0}
              >
                <pre>
                  <code>{config.code}</code>
                </pre>
              </section>
            </div>
          );
        })}
        <p class="muted small">{t('tools.keyNote')}</p>
        <p class="small">
          <ExternalLink href={tool.docsUrl}>{t('tools.docs', { tool: tool.name })}</ExternalLink>
        </p>
      </div>
    </div>
  );
}
