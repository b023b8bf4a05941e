/**
 * The toolbar popup. Answers "what happened on this tab" first (Privacy Badger's habit), then
 * the way forward for that service, then recent events everywhere with a link to the full log.
 */
import { useEffect, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';
import type { RegionQuestion } from '../../core/messaging/protocol';
import { MAX_SUGGESTIONS } from '../../core/messaging/protocol';
import type { RemoteCatalogView } from '../catalog-view';
import { countryName, t } from '../i18n';
import { productLabel, serviceForUrl, serviceLabel } from '../service-names';
import { useClient } from '../shared/client-context';
import { Icon } from '../shared/Icon';
import type { PopupState } from '../stores/popup-store';
import type { SettingsState } from '../stores/settings-store';
import { type ToolPreference, useLastTool } from '../stores/tool-preference';
import { useStore } from '../stores/use-store';
import type { ExitCountryView, SuggestionView } from '../view-models';
import { RecentEvents, ServiceHistory } from './RecentEvents';
import { RegionAnswered, RegionChooser } from './RegionChooser';
import { firstBlock, firstUnreachable, TabSummary } from './TabSummary';

type WayForwardParts = typeof import('./way-forward-parts');

/** Where the exit country shown came from. */
type ExitSource = 'check' | 'warning' | 'answer';

export interface PopupProps {
  store: StoreApi<PopupState>;
  settings: StoreApi<SettingsState>;
  /** The background's catalog, asked only once there is something to suggest or judge. */
  catalog: RemoteCatalogView;
  /** The last tool chosen under "Use it in…" (shown first); without it nothing is remembered. */
  toolPreference?: ToolPreference;
  /** Fixed "now" for tests and screenshots; the clock otherwise. */
  now?: number;
}

/** Shown at first; the rest of the ranked catalog is one "Show all" away. */
const SUGGESTIONS_SHOWN = 5;

export function Popup({ store, settings, catalog, toolPreference, now }: PopupProps) {
  const client = useClient();
  const tab = useStore(store, (s) => s.tab);
  const history = useStore(store, (s) => s.serviceHistory);
  const recent = useStore(store, (s) => s.recent);
  const check = useStore(store, (s) => s.check);
  const values = useStore(settings, (s) => s.values);
  const lastTool = useLastTool(toolPreference);

  useEffect(() => {
    void store.getState().load();
    void settings.getState().load();
    return () => settings.getState().dispose();
  }, [store, settings]);

  // Loaded after the first paint, once there is a service to act on (./way-forward-parts).
  const [parts, setParts] = useState<WayForwardParts | null>(null);

  const tabState = tab.status === 'ready' ? tab.value : null;
  const block = firstBlock(tabState);
  const warning = tabState?.events.find((e) => e.kind === 'warning') ?? null;
  // A service that cannot be reached from here needs a way forward as much as one that refused.
  const unreachable = firstUnreachable(tabState);
  const focus = block
    ? { service: block.service, product: block.product }
    : unreachable
      ? { service: unreachable.service, product: unreachable.product }
      : warning
        ? { service: warning.service, product: warning.product }
        : serviceForUrl(tabState?.url);
  const focusName = focus ? productLabel(focus.service, focus.product) : '';
  // The background's latest exit-country answer for this tab's service (automatic or "Check now").
  const exitAnswer = tabState?.exitCheck ?? null;
  const wantsSuggestions = !!focus && (!!block || !!warning || !!unreachable);
  const needsParts = !!focus || !!exitAnswer;
  useEffect(() => {
    if (!needsParts || parts) return;
    let current = true;
    import('./way-forward-parts').then((loaded) => current && setParts(loaded));
    return () => {
      current = false;
    };
  }, [needsParts, parts]);

  // Asked of the background only when there is something to suggest or judge: a quiet tab asks nothing.
  const [guessed, setGuessed] = useState<{ region: string | null; ask?: RegionQuestion } | null>(null);
  const [askDismissed, setAskDismissed] = useState(false);
  const guessNeeded = wantsSuggestions && values?.region.mode === 'auto';
  // Regions the user ruled out with "Somewhere else": never asked about again, never suggested for.
  const notIn = values?.region.mode === 'auto' ? (values.region.notIn ?? []) : [];
  // Region from evidence, best first: a refusal on this tab, then services cut off from this
  // network (this tab's and the recent ones), then language and time zone.
  const cutOff = [
    ...new Set(
      [...(tabState?.events ?? []), ...(recent.status === 'ready' ? recent.value.events : [])]
        .filter((e) => e.kind === 'unreachable')
        .map((e) => e.service),
    ),
  ].sort();
  const evidenceKey = guessNeeded ? JSON.stringify([block?.service, block?.product, cutOff, notIn]) : null;
  useEffect(() => {
    if (!evidenceKey) return;
    const [service, product, unreachableServices, ruledOut] = JSON.parse(evidenceKey) as [
      string | undefined,
      string | undefined,
      string[],
      string[],
    ];
    let current = true;
    catalog
      .regionEvidence({
        uiLanguage: client.uiLanguage(),
        timeZone: client.timeZone(),
        ...(service ? { refusedBy: product ? { service, product } : { service } } : {}),
        unreachableServices,
        notIn: ruledOut,
      })
      .then((answer) => current && setGuessed(answer))
      .catch(() => current && setGuessed({ region: null }));
    return () => {
      current = false;
    };
  }, [evidenceKey, catalog, client]);
  const [chosenNow, setChosenNow] = useState<string | null>(null);
  const [elsewhereNow, setElsewhereNow] = useState(false);
  const region = !values
    ? null
    : values.region.mode === 'chosen'
      ? values.region.country
      : (guessed?.region ?? null);
  const regionKnown = !!values && (values.region.mode === 'chosen' || guessed !== null);

  const [ways, setWays] = useState<{
    suggestions: SuggestionView[];
    sourceModels: readonly string[];
  } | null>(null);
  const suggestionsFor =
    wantsSuggestions && focus && regionKnown
      ? `${focus.service}/${focus.product}/${region}/${region === null ? notIn.join() : ''}`
      : null;
  useEffect(() => {
    if (!suggestionsFor || !focus) return;
    let current = true;
    catalog
      .suggestions({
        service: focus.service,
        product: focus.product,
        region,
        ...(region === null && notIn.length > 0 ? { notIn } : {}),
        limit: MAX_SUGGESTIONS,
      })
      .then((answer) => current && setWays(answer))
      .catch(() => current && setWays({ suggestions: [], sourceModels: [] }));
    return () => {
      current = false;
    };
  }, [suggestionsFor, catalog]);

  // The latest word on the exit country, first that applies: this popup's own check, the logged
  // warning, the background's latest answer for the tab. Judged against the service's list.
  const exitCandidates: Array<{
    kind: ExitSource;
    service: string;
    product?: string;
    country: string;
    checkedAt: number;
  }> = [];
  if (check.status === 'done' && focus && check.report.service === focus.service && check.report.exitCountry)
    exitCandidates.push({
      kind: 'check',
      ...focus,
      country: check.report.exitCountry,
      checkedAt: check.report.checkedAt,
    });
  if (warning?.country)
    exitCandidates.push({
      kind: 'warning',
      service: warning.service,
      product: warning.product,
      country: warning.country,
      checkedAt: warning.lastSeen,
    });
  if (exitAnswer?.country)
    exitCandidates.push({
      kind: 'answer',
      service: exitAnswer.service,
      product: exitAnswer.product,
      country: exitAnswer.country,
      checkedAt: exitAnswer.checkedAt,
    });
  const exitQuestion = JSON.stringify(exitCandidates);
  const [exit, setExit] = useState<{ kind: ExitSource; view: ExitCountryView } | null>(null);
  useEffect(() => {
    const candidates = JSON.parse(exitQuestion) as typeof exitCandidates;
    let current = true;
    (async () => {
      for (const { kind, ...input } of candidates) {
        const view = await catalog.exitCountry(input).catch(() => null);
        if (view) return { kind, view };
      }
      return null;
    })().then((found) => current && setExit(found));
    return () => {
      current = false;
    };
  }, [exitQuestion, catalog]);
  const exitView = exit?.kind === 'check' ? exit.view : null;
  const warningView = exit?.kind === 'warning' ? exit.view : null;
  const answerView = exit?.kind === 'answer' ? exit.view : null;

  // The exit country sits beside the region setting; one click makes it the region.
  const adopt = (country: string) =>
    country !== region && /^[A-Z]{2}$/.test(country) && country !== 'XX' && country !== 'T1'
      ? () => void settings.getState().update({ region: { mode: 'chosen', country } })
      : undefined;

  const showOffer = !!values && !values.exitCheckOnOpen && !values.exitCheckOffered && !!focus;

  return (
    <div class="popup">
      <header class="popup-header">
        <span class="brand">
          <Icon name="shield" size={18} class="tone-accent" />
          <span class="brand-name">{t('popup.title')}</span>
        </span>
        <button
          type="button"
          class="icon-button"
          title={t('popup.openSettings')}
          aria-label={t('popup.openSettings')}
          onClick={() => void client.openOptions()}
        >
          <Icon name="settings" size={18} />
        </button>
      </header>
      {/* data-ready: the tab's answer and the recent events are shown (bench/README.md times this). */}
      <main
        class="popup-main"
        data-ready={tab.status !== 'loading' && recent.status !== 'loading' ? '' : undefined}
      >
        <TabSummary tab={tab} now={now} />
        {parts && warningView ? (
          <parts.ExitCountryLine view={warningView} now={now} onAdopt={adopt(warningView.country)} />
        ) : null}
        {parts && answerView ? (
          <parts.ExitCountryLine view={answerView} now={now} onAdopt={adopt(answerView.country)} />
        ) : exitAnswer && !exitAnswer.country && !exitView && !warningView ? (
          <p class="muted small">{t('check.exitCountryUnknown')}</p>
        ) : null}
        {parts && focus ? (
          <parts.CheckNow
            serviceName={focusName}
            check={check}
            exitView={exitView}
            onAdopt={exitView ? adopt(exitView.country) : undefined}
            onCheck={() => void store.getState().runCheck(focus.service)}
            now={now}
          />
        ) : null}
        {guessed?.ask && values?.region.mode === 'auto' && !askDismissed ? (
          <RegionChooser
            question={guessed.ask}
            serviceName={focusName}
            onChoose={(country) => {
              setChosenNow(country);
              void settings.getState().update({ region: { mode: 'chosen', country } });
            }}
            onOther={(candidates) => {
              // Remembered: the regions offered are ruled out, so this chooser does not ask again.
              setAskDismissed(true);
              setElsewhereNow(true);
              const ruledOut = [...new Set([...notIn, ...candidates])].sort();
              void settings.getState().update({ region: { mode: 'auto', notIn: ruledOut } });
            }}
          />
        ) : null}
        {chosenNow && values?.region.mode === 'chosen' ? (
          <RegionAnswered>{t('unreachable.regionChosen', { region: countryName(chosenNow) })}</RegionAnswered>
        ) : null}
        {elsewhereNow && values?.region.mode === 'auto' ? (
          <RegionAnswered onChange={() => void client.openOptions('region')}>
            {t('regionElsewhere.saved')}
          </RegionAnswered>
        ) : null}
        {parts && wantsSuggestions && ways ? (
          <parts.SuggestionList
            suggestions={ways.suggestions}
            region={region}
            regionAutomatic={values?.region.mode !== 'chosen'}
            serviceName={focusName}
            snippetsFor={(platformId, sourceModel) => catalog.snippets({ platformId, sourceModel, region })}
            sourceModels={ways.sourceModels}
            toolsFor={
              focus && lastTool !== undefined
                ? (platformId) => catalog.tools({ platformId, region, service: focus.service, lastTool })
                : undefined
            }
            onChooseTool={toolPreference ? (toolId) => void toolPreference.choose(toolId) : undefined}
            onChangeRegion={() => void client.openOptions('region')}
            initiallyShown={SUGGESTIONS_SHOWN}
          />
        ) : null}
        {parts && showOffer ? (
          <parts.ConnectionCheckOffer
            onAccept={() =>
              void settings.getState().update({ exitCheckOnOpen: true, exitCheckOffered: true })
            }
            onDecline={() => void settings.getState().update({ exitCheckOffered: true })}
          />
        ) : null}
        {block && history.status === 'ready' ? (
          <ServiceHistory events={history.value} serviceName={serviceLabel(focus?.service ?? '')} now={now} />
        ) : null}
        {recent.status === 'ready' ? (
          <RecentEvents
            events={recent.value.events}
            total={recent.value.total}
            onOpenLog={() => void client.openOptions('log')}
            now={now}
          />
        ) : null}
      </main>
    </div>
  );
}
