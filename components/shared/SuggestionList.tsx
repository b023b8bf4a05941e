/** The way forward: ranked alternatives for the blocked service and the person's region. */
import { useState } from 'preact/hooks';
import { countryName, t } from '../i18n';
import type { SnippetSetView, SuggestionView, ToolConfigView } from '../view-models';
import { SuggestionCard } from './SuggestionCard';

export function SuggestionList({
  suggestions,
  region,
  regionAutomatic,
  serviceName,
  snippetsFor,
  sourceModels,
  toolsFor,
  onChooseTool,
  onChangeRegion,
  headingLevel = 2,
  initiallyShown,
}: {
  suggestions: SuggestionView[];
  region: string | null;
  regionAutomatic: boolean;
  serviceName: string;
  /** Synchronous in options (the catalog is bundled), a promise in the popup (the background answers). */
  snippetsFor: (platformId: string, sourceModel: string) => SnippetSetView | Promise<SnippetSetView>;
  sourceModels: readonly string[];
  /** "Use it in…": the tools that can use a platform, ordered for the refused service and the last choice. */
  toolsFor?: (platformId: string) => ToolConfigView[] | Promise<ToolConfigView[]>;
  onChooseTool?: (toolId: string) => void;
  onChangeRegion?: () => void;
  headingLevel?: 2 | 3;
  /** Show this many first, with "Show all" for the rest; all when absent. */
  initiallyShown?: number;
}) {
  const [expanded, setExpanded] = useState(false);
  const collapsible = initiallyShown !== undefined && suggestions.length > initiallyShown;
  const shown = collapsible && !expanded ? suggestions.slice(0, initiallyShown) : suggestions;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const regionText = region
    ? t(regionAutomatic ? 'suggestion.regionAutomatic' : 'suggestion.regionChosen', {
        country: countryName(region),
        code: region.toUpperCase(),
      })
    : t('suggestion.regionNone');
  return (
    <section class="suggestions" aria-labelledby="suggestions-title">
      <Heading id="suggestions-title" class="section-title">
        {t('suggestion.title', { service: serviceName })}
      </Heading>
      <p class="muted small">
        {regionText}
        {onChangeRegion ? (
          <>
            {' '}
            <button type="button" class="link-button" onClick={onChangeRegion}>
              {t('suggestion.changeRegion')}
            </button>
          </>
        ) : null}
      </p>
      {suggestions.length === 0 ? (
        <p class="muted">{t('suggestion.none')}</p>
      ) : (
        <ol class="suggestion-list" id="suggestion-list">
          {shown.map((suggestion, index) => (
            <SuggestionCard
              key={suggestion.platformId}
              suggestion={suggestion}
              rank={index + 1}
              snippetsFor={snippetsFor}
              sourceModels={sourceModels}
              toolsFor={toolsFor}
              onChooseTool={onChooseTool}
            />
          ))}
        </ol>
      )}
      {collapsible ? (
        <button
          type="button"
          class="link-button"
          aria-expanded={expanded}
          aria-controls="suggestion-list"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('ranking.showFewer') : t('ranking.showAll', { count: String(suggestions.length) })}
        </button>
      ) : null}
    </section>
  );
}
