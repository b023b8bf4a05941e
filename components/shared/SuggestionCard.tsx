/**
 * One alternative platform: why it is suggested, its migration offer (with its date, and
 * "may have ended" when old), and the ways to move: console, docs, pricing, base URL (with the
 * warning when its keys belong to one site), code, and "Use it in…" the tools people already use.
 * An API address only third parties name is not shown: one plain line says it could not be
 * confirmed, in its place and in place of the tool setups built on it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { dataLocale, formatIsoDate, t, tMaybe } from '../i18n';
import type { IncentiveView, SnippetSetView, SuggestionView, ToolConfigView } from '../view-models';
import { CopyButton } from './CopyButton';
import { ExternalLink } from './ExternalLink';
import { Icon } from './Icon';
import { SnippetPanel } from './SnippetPanel';
import { ToolPanel } from './ToolPanel';

function IncentiveBlock({ incentive }: { incentive: IncentiveView }) {
  const announced = incentive.announced ? formatIsoDate(incentive.announced) : null;
  // A standing offer the vendor's page shows without a date is dated by the day it was confirmed
  // there, which is not the day it was announced.
  const confirmed = incentive.dateKind === 'confirmed';
  let dateLine: string | null = null;
  if (incentive.ended && incentive.expires)
    dateLine = t('incentive.ended', { date: formatIsoDate(incentive.expires) });
  else if (incentive.stale && announced)
    dateLine = t(confirmed ? 'incentive.confirmedStale' : 'incentive.stale', { date: announced });
  else if (incentive.expires) dateLine = t('incentive.until', { date: formatIsoDate(incentive.expires) });
  else if (announced)
    dateLine = t(confirmed ? 'incentive.confirmed' : 'incentive.announced', { date: announced });
  const old = incentive.stale || incentive.ended;
  return (
    <div class={old ? 'incentive incentive-old' : 'incentive'}>
      <p class="incentive-label">
        {t('incentive.label')}
        {/* The catalog states amounts in English only; the translated summary carries them otherwise. */}
        {incentive.amount && dataLocale() === 'en' ? (
          <span class="incentive-amount">{incentive.amount}</span>
        ) : null}
      </p>
      <p class="small">{incentive.summary}</p>
      {dateLine ? (
        <p class={old ? 'small tone-warn-text' : 'small muted'}>
          {old ? <Icon name="info" size={12} /> : null} {dateLine}
        </p>
      ) : null}
      {incentive.sources[0] ? (
        <p class="small">
          <ExternalLink href={incentive.sources[0]}>{t('incentive.source')}</ExternalLink>
        </p>
      ) : null}
    </div>
  );
}

/** In place of an address only third parties name: it could not be confirmed, and when it was checked. */
function ApiAddressUnconfirmed({ checked }: { checked: string }) {
  return <p class="small unconfirmed">{t('unconfirmed.apiAddress', { date: formatIsoDate(checked) })}</p>;
}

/** "Model names as of <date>", and "may have changed" once that date is over 180 days old. */
function FreshnessLine({ freshness }: { freshness: SuggestionView['freshness'] }) {
  if (!freshness.modelsAsOf) return null;
  const old = freshness.modelsMayHaveChanged;
  return (
    <p class={old ? 'small tone-warn-text' : 'small muted'} data-freshness={old ? 'old' : 'fresh'}>
      {old ? <Icon name="info" size={12} /> : null}
      {old ? ' ' : null}
      {t('ranking.modelsAsOf', { date: formatIsoDate(freshness.modelsAsOf) })}
      {old ? ` ${t('ranking.mayHaveChanged')}` : null}
    </p>
  );
}

/**
 * The code for the chosen source model, asked once per platform and model while the code is
 * shown; null until the first promised answer arrives.
 */
function useSnippets(
  shown: boolean,
  platformId: string,
  sourceModel: string,
  snippetsFor: (platformId: string, sourceModel: string) => SnippetSetView | Promise<SnippetSetView>,
): SnippetSetView | null {
  const asked = useMemo(
    () => (shown ? snippetsFor(platformId, sourceModel) : null),
    [shown, platformId, sourceModel],
  );
  const [answered, setAnswered] = useState<SnippetSetView | null>(null);
  useEffect(() => {
    if (!(asked instanceof Promise)) return;
    let current = true;
    asked.then(
      (set) => current && setAnswered(set),
      () => current && setAnswered({ ok: false, reasonKey: 'snippet.none', docsUrl: null }),
    );
    return () => {
      current = false;
    };
  }, [asked]);
  // While another model's code is on its way the panel keeps the last code (and the picker its focus).
  if (asked instanceof Promise) return answered;
  return asked;
}

/** The tools for the platform, asked once when "Use it in…" is first opened; null while on the way. */
function useTools(
  shown: boolean,
  platformId: string,
  toolsFor: ((platformId: string) => ToolConfigView[] | Promise<ToolConfigView[]>) | undefined,
): ToolConfigView[] | null {
  const asked = useMemo(() => (shown && toolsFor ? toolsFor(platformId) : null), [shown, platformId]);
  const [answered, setAnswered] = useState<ToolConfigView[] | null>(null);
  useEffect(() => {
    if (!(asked instanceof Promise)) return;
    let current = true;
    asked.then(
      (tools) => current && setAnswered(tools),
      () => current && setAnswered([]),
    );
    return () => {
      current = false;
    };
  }, [asked]);
  if (asked instanceof Promise) return answered;
  return asked;
}

export function SuggestionCard({
  suggestion,
  rank,
  snippetsFor,
  sourceModels,
  toolsFor,
  onChooseTool,
  defaultOpen = false,
  defaultToolsOpen = false,
}: {
  suggestion: SuggestionView;
  rank: number;
  snippetsFor: (platformId: string, sourceModel: string) => SnippetSetView | Promise<SnippetSetView>;
  sourceModels: readonly string[];
  /** The tools that can use a platform; without it the card has no "Use it in…". */
  toolsFor?: (platformId: string) => ToolConfigView[] | Promise<ToolConfigView[]>;
  onChooseTool?: (toolId: string) => void;
  defaultOpen?: boolean;
  defaultToolsOpen?: boolean;
}) {
  const [showCode, setShowCode] = useState(defaultOpen);
  const [showTools, setShowTools] = useState(defaultToolsOpen);
  const tools = useTools(showTools, suggestion.platformId, toolsFor);
  const [sourceModel, setSourceModel] = useState(sourceModels[0] ?? '');
  const idPrefix = `suggestion-${suggestion.platformId}`;
  const snippets = useSnippets(showCode, suggestion.platformId, sourceModel, snippetsFor);
  const reasons = suggestion.reasons.map((r) => tMaybe(r.key, r.params)).filter((r): r is string => !!r);
  const { links } = suggestion;
  return (
    <li class="suggestion" aria-labelledby={`${idPrefix}-name`}>
      <div class="suggestion-head">
        <span class="rank" aria-hidden="true">
          {rank}
        </span>
        <h3 id={`${idPrefix}-name`} class="suggestion-name">
          {suggestion.name}
        </h3>
      </div>
      {reasons.length > 0 ? (
        <ul class="reasons" aria-label={t('suggestion.whyLabel')}>
          {reasons.map((reason) => (
            <li key={reason} class="chip">
              {reason}
            </li>
          ))}
        </ul>
      ) : null}
      {suggestion.incentive ? <IncentiveBlock incentive={suggestion.incentive} /> : null}
      <div class="actions">
        {links.console ? (
          <ExternalLink class="button button-small" href={links.console}>
            {t('suggestion.console')}
          </ExternalLink>
        ) : null}
        {links.docs ? (
          <ExternalLink class="button button-small" href={links.docs}>
            {t('suggestion.docs')}
          </ExternalLink>
        ) : null}
        {links.pricing ? (
          <ExternalLink class="button button-small" href={links.pricing}>
            {t('suggestion.pricing')}
          </ExternalLink>
        ) : null}
      </div>
      {suggestion.baseUrl ? (
        <div class="base-url">
          <span class="muted small">{t('suggestion.baseUrl')}</span>
          <code class="truncate" title={suggestion.baseUrl}>
            {suggestion.baseUrl}
          </code>
          <CopyButton text={suggestion.baseUrl} label={t('suggestion.copyBaseUrl')} />
        </div>
      ) : null}
      {suggestion.apiAddressUnconfirmed ? (
        <ApiAddressUnconfirmed checked={suggestion.apiAddressUnconfirmed.checked} />
      ) : null}
      {suggestion.baseUrl &&
      suggestion.freshness.baseUrlMayHaveChanged &&
      suggestion.freshness.baseUrlAsOf ? (
        <p class="small tone-warn-text">
          <Icon name="info" size={12} />{' '}
          {t('ranking.baseUrlAsOf', { date: formatIsoDate(suggestion.freshness.baseUrlAsOf) })}{' '}
          {t('ranking.mayHaveChanged')}
        </p>
      ) : null}
      <FreshnessLine freshness={suggestion.freshness} />
      {suggestion.keyWarnings.map((w) => {
        const text = tMaybe(w.key, w.params);
        return text ? (
          <p key={text} class="small tone-warn-text key-warning">
            <Icon name="warning" size={12} /> {text}
          </p>
        ) : null;
      })}
      {suggestion.modelMapping ? (
        <p class="small">
          {t('suggestion.modelMapping', {
            from: suggestion.modelMapping.from,
            to: suggestion.modelMapping.to,
          })}
        </p>
      ) : null}
      {toolsFor ? (
        <button
          type="button"
          class="link-button disclosure"
          aria-expanded={showTools}
          aria-controls={`${idPrefix}-tools`}
          onClick={() => setShowTools(!showTools)}
        >
          <Icon name="chevron" size={14} class={showTools ? 'rotate' : undefined} />
          {t('tools.useIn')}
        </button>
      ) : null}
      {toolsFor && showTools ? (
        <div id={`${idPrefix}-tools`}>
          {tools && tools.length === 0 && suggestion.apiAddressUnconfirmed ? (
            <ApiAddressUnconfirmed checked={suggestion.apiAddressUnconfirmed.checked} />
          ) : tools ? (
            <ToolPanel idPrefix={idPrefix} tools={tools} onChoose={onChooseTool} />
          ) : (
            <p class="muted small">{t('common.loading')}</p>
          )}
        </div>
      ) : null}
      <button
        type="button"
        class="link-button disclosure"
        aria-expanded={showCode}
        aria-controls={`${idPrefix}-code`}
        onClick={() => setShowCode(!showCode)}
      >
        <Icon name="chevron" size={14} class={showCode ? 'rotate' : undefined} />
        {showCode ? t('suggestion.hideCode') : t('suggestion.showCode')}
      </button>
      {showCode ? (
        <div id={`${idPrefix}-code`}>
          {snippets ? (
            <SnippetPanel
              idPrefix={idPrefix}
              set={snippets}
              sourceModel={sourceModel}
              sourceModels={sourceModels}
              onSourceModel={setSourceModel}
            />
          ) : (
            <p class="muted small">{t('common.loading')}</p>
          )}
          <p class="muted small">{t('suggestion.mappingNote')}</p>
        </div>
      ) : null}
    </li>
  );
}
