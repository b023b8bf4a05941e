/**
 * "Check an error message": paste an API error, a log or a page's text; the engine says
 * whether it is a region block, of which service, and the suggestions follow as in the popup.
 * Runs entirely in this page: nothing pasted here leaves the browser. A text the engine leaves
 * clean that only guesses at a region ('Claude Code might not be available in your country')
 * gets an offer to ask the service once (GuessCheck); any other clean text, the same ask folded
 * away (UnsureCheck), for a person's own account or an error that gives no reason. Only an ask,
 * on a click, leaves the browser.
 */
import { useState } from 'preact/hooks';
import type { ReachabilityReport } from '../../core/catalog/reachability';
import type { CheckerGuess } from '../../core/detection';
import type { Observation, Verdict } from '../../core/detection/observation';
import type { CatalogView } from '../catalog-view';
import { countryName, t } from '../i18n';
import { productLabel, serviceLabel } from '../service-names';
import { ClampedText } from '../shared/ClampedText';
import { Icon } from '../shared/Icon';
import { SuggestionList } from '../shared/SuggestionList';
import { type ToolPreference, useLastTool } from '../stores/tool-preference';
import { GuessCheck, UnsureCheck } from './GuessCheck';
import { Section } from './Section';

/** Pasted text is capped: a block message is short, and the engine should stay instant. */
export const PASTE_MAX_CHARS = 100_000;

export function CheckMessageSection({
  classify,
  guess,
  named,
  ask,
  askable,
  catalog,
  region,
  regionAutomatic,
  toolPreference,
}: {
  classify: ((observation: Observation) => Verdict) | null;
  /** Reads what a text left clean still lets the page ask about (checkerGuess: a client's guess, a block page out of place). */
  guess?: ((body: string) => CheckerGuess | null) | null;
  /** Reads which AI service a pasted text names (the folded ask under a clean text asks that one). */
  named?: ((body: string) => string | null) | null;
  /** Asks a service once from this browser (the background's reachability check). */
  ask?: ((service: string) => Promise<ReachabilityReport>) | null;
  /** The services Detour knows how to ask (it has probes for them); absent: any. */
  askable?: readonly string[];
  catalog: CatalogView | null;
  region: string | null;
  regionAutomatic: boolean;
  /** The last tool chosen under "Use it in…" (shown first). */
  toolPreference?: ToolPreference;
}) {
  const lastTool = useLastTool(toolPreference);
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [guessed, setGuessed] = useState<CheckerGuess | null>(null);
  /** The service a clean text names, when it names one. */
  const [cleanNamed, setCleanNamed] = useState<string | null>(null);
  /** The service a guess was asked about, once it refused this connection. */
  const [refusedBy, setRefusedBy] = useState<string | null>(null);
  const [checks, setChecks] = useState(0);
  const [empty, setEmpty] = useState(false);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const body = text.trim().slice(0, PASTE_MAX_CHARS);
    setGuessed(null);
    setRefusedBy(null);
    if (!body || !classify) {
      setEmpty(!body);
      setVerdict(null);
      return;
    }
    setEmpty(false);
    const next = classify({ kind: 'text', body });
    setVerdict(next);
    if (next.verdict !== 'block') setGuessed(guess?.(body) ?? null);
    setCleanNamed(next.verdict === 'block' ? null : (named?.(body) ?? null));
    // A new check starts its offer afresh (no answer of the previous text's service kept).
    setChecks((count) => count + 1);
  };

  const block = verdict?.verdict === 'block' ? verdict : null;
  const name = block ? productLabel(block.service, block.product) : '';
  // The check asks the service, not one of its products: a guess is named by its service.
  const guessedName = guessed?.service ? serviceLabel(guessed.service) : null;
  /** Whose alternatives to show: a recognised block's service, or the one a guess was asked about and that refused. */
  const refused = block
    ? { service: block.service, product: block.product, name }
    : refusedBy
      ? {
          service: refusedBy,
          product: refusedBy === guessed?.service ? (guessed.product ?? undefined) : undefined,
          name: serviceLabel(refusedBy),
        }
      : null;

  /** The services Detour can ask, for an offer whose text names none of them. */
  const choices = (askable ?? []).map((service) => ({ service, name: serviceLabel(service) }));
  const canAsk = (service: string) => !askable || askable.includes(service);
  /** A clean text's own service, when Detour can ask it: the folded offer asks that one. */
  const cleanAskable = cleanNamed && canAsk(cleanNamed) ? cleanNamed : null;
  /** Either offer's answer: a refusal brings the suggestions, anything else takes them away. */
  const onAnswer = (report: ReachabilityReport | null) =>
    setRefusedBy(report?.status === 'blocked' ? report.service : null);

  return (
    <Section id="check" title={t('options.check.title')} intro={t('options.check.intro')}>
      <form class="stack" onSubmit={onSubmit}>
        <div class="field">
          <label for="check-text">{t('options.check.label')}</label>
          <textarea
            id="check-text"
            rows={6}
            maxLength={PASTE_MAX_CHARS}
            value={text}
            placeholder={t('options.check.placeholder')}
            aria-describedby="check-privacy"
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
          <span id="check-privacy" class="muted small">
            {t('options.check.privacy')}
          </span>
        </div>
        <div class="row">
          <button type="submit" class="button button-primary" disabled={!classify}>
            {t('options.check.submit')}
          </button>
          {text ? (
            <button
              type="button"
              class="button"
              onClick={() => {
                setText('');
                setVerdict(null);
                setGuessed(null);
                setRefusedBy(null);
              }}
            >
              {t('options.check.reset')}
            </button>
          ) : null}
        </div>
      </form>
      <div aria-live="polite" class="stack">
        {empty ? <p class="tone-danger small">{t('options.check.empty')}</p> : null}
        {block ? (
          <div class="card card-blocked">
            <div class="card-head">
              <Icon name="block" size={20} class="tone-danger" />
              <div class="stack-tight">
                <p class="card-title">{t('options.check.block', { service: name })}</p>
                {block.country ? (
                  <p class="small">
                    {t('options.check.country', { country: countryName(block.country), code: block.country })}
                  </p>
                ) : null}
                {block.evidence ? (
                  <q class="evidence">
                    <ClampedText text={block.evidence} max={200} />
                  </q>
                ) : null}
                <p class="muted small">{t('options.check.rule', { rule: block.ruleId })}</p>
              </div>
            </div>
          </div>
        ) : guessed ? (
          <GuessCheck
            key={checks}
            guess={guessed}
            serviceName={guessedName}
            ask={!guessed.service || canAsk(guessed.service) ? (ask ?? null) : null}
            choices={choices}
            onAnswer={onAnswer}
          />
        ) : verdict ? (
          <div class="card card-ok">
            <div class="card-head">
              <Icon name="shield" size={20} class="tone-ok" />
              <p>
                {verdict.service
                  ? t('options.check.cleanService', {
                      service: productLabel(verdict.service, verdict.product ?? undefined),
                    })
                  : t('options.check.clean')}
              </p>
            </div>
            <UnsureCheck
              key={checks}
              service={cleanAskable}
              serviceName={cleanAskable ? serviceLabel(cleanAskable) : null}
              ask={ask ?? null}
              choices={choices}
              onAnswer={onAnswer}
            />
          </div>
        ) : null}
        {refused && catalog ? (
          <SuggestionList
            suggestions={catalog.suggestions({
              service: refused.service,
              product: refused.product,
              region,
              limit: 3,
            })}
            region={region}
            regionAutomatic={regionAutomatic}
            serviceName={refused.name}
            snippetsFor={(platformId, sourceModel) => catalog.snippets({ platformId, sourceModel, region })}
            sourceModels={catalog.sourceModels()}
            toolsFor={
              lastTool !== undefined
                ? (platformId) => catalog.tools({ platformId, region, service: refused.service, lastTool })
                : undefined
            }
            onChooseTool={toolPreference ? (toolId) => void toolPreference.choose(toolId) : undefined}
            headingLevel={3}
          />
        ) : null}
      </div>
    </Section>
  );
}
