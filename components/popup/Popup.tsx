/**
 * The toolbar popup. Answers "what happened on this tab" first (Privacy Badger's habit), then
 * the way forward for that service, then recent events everywhere with a link to the full log.
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';
import type { CatalogView } from '../catalog-view';
import { t } from '../i18n';
import { productLabel, serviceForUrl, serviceLabel } from '../service-names';
import { useClient } from '../shared/client-context';
import { Icon } from '../shared/Icon';
import { SuggestionList } from '../shared/SuggestionList';
import type { PopupState } from '../stores/popup-store';
import type { SettingsState } from '../stores/settings-store';
import { useStore } from '../stores/use-store';
import { CheckNow } from './CheckNow';
import { ConnectionCheckOffer } from './ConnectionCheckOffer';
import { ExitCountryLine } from './ExitCountryLine';
import { RecentEvents, ServiceHistory } from './RecentEvents';
import { firstBlock, TabSummary } from './TabSummary';

export interface PopupProps {
  store: StoreApi<PopupState>;
  settings: StoreApi<SettingsState>;
  /** Null until the catalog chunk has loaded: the tab's answer shows first. */
  catalog: CatalogView | null;
  /** Asks for the catalog once it is needed (a block, a warning or a finished check). */
  onNeedCatalog?: () => void;
  /** Fixed "now" for tests and screenshots; the clock otherwise. */
  now?: number;
}

const SUGGESTIONS_SHOWN = 3;

export function Popup({ store, settings, catalog, onNeedCatalog, now }: PopupProps) {
  const client = useClient();
  const tab = useStore(store, (s) => s.tab);
  const history = useStore(store, (s) => s.serviceHistory);
  const recent = useStore(store, (s) => s.recent);
  const check = useStore(store, (s) => s.check);
  const values = useStore(settings, (s) => s.values);

  useEffect(() => {
    void store.getState().load();
    void settings.getState().load();
    return () => settings.getState().dispose();
  }, [store, settings]);

  const tabState = tab.status === 'ready' ? tab.value : null;
  const block = firstBlock(tabState);
  const warning = tabState?.events.find((e) => e.kind === 'warning') ?? null;
  const focus = block
    ? { service: block.service, product: block.product }
    : warning
      ? { service: warning.service, product: warning.product }
      : serviceForUrl(tabState?.url);
  const focusName = focus ? productLabel(focus.service, focus.product) : '';
  // Issue 10: the background's latest exit-country answer for this tab's service (automatic or "Check now").
  const exitAnswer = tabState?.exitCheck ?? null;
  const needsCatalog = !!focus && (!!block || !!warning || check.status === 'done' || !!exitAnswer?.country);
  useEffect(() => {
    if (needsCatalog && !catalog) onNeedCatalog?.();
  }, [needsCatalog, catalog, onNeedCatalog]);

  const region = useMemo(() => {
    if (!values) return null;
    if (values.region.mode === 'chosen') return values.region.country;
    return catalog?.guessRegion({ uiLanguage: client.uiLanguage(), timeZone: client.timeZone() }) ?? null;
  }, [values, catalog, client]);

  const suggestions = useMemo(
    () =>
      catalog && focus && (block || warning)
        ? catalog.suggestions({
            service: focus.service,
            product: focus.product,
            region,
            limit: SUGGESTIONS_SHOWN,
          })
        : [],
    [focus?.service, focus?.product, region, catalog, block, warning],
  );

  // The latest word on the exit country: this popup's own check, else the logged warning.
  const exitView =
    catalog && check.status === 'done' && focus && check.report.service === focus.service
      ? catalog.exitCountry({
          service: focus.service,
          product: focus.product,
          country: check.report.exitCountry,
          checkedAt: check.report.checkedAt,
        })
      : null;
  const warningView =
    catalog && !exitView && warning?.country
      ? catalog.exitCountry({
          service: warning.service,
          product: warning.product,
          country: warning.country,
          checkedAt: warning.lastSeen,
        })
      : null;

  const answerView =
    catalog && !exitView && !warningView && exitAnswer?.country
      ? catalog.exitCountry({
          service: exitAnswer.service,
          product: exitAnswer.product,
          country: exitAnswer.country,
          checkedAt: exitAnswer.checkedAt,
        })
      : null;

  // Issue 10: the exit country sits beside the region setting; one click makes it the region.
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
        {warningView ? (
          <ExitCountryLine view={warningView} now={now} onAdopt={adopt(warningView.country)} />
        ) : null}
        {answerView ? (
          <ExitCountryLine view={answerView} now={now} onAdopt={adopt(answerView.country)} />
        ) : exitAnswer && !exitAnswer.country && !exitView && !warningView ? (
          <p class="muted small">{t('check.exitCountryUnknown')}</p>
        ) : null}
        {focus ? (
          <CheckNow
            serviceName={focusName}
            check={check}
            exitView={exitView}
            onAdopt={exitView ? adopt(exitView.country) : undefined}
            onCheck={() => void store.getState().runCheck(focus.service)}
            now={now}
          />
        ) : null}
        {catalog && focus && (block || warning) ? (
          <SuggestionList
            suggestions={suggestions}
            region={region}
            regionAutomatic={values?.region.mode !== 'chosen'}
            serviceName={focusName}
            snippetsFor={(platformId, sourceModel) => catalog.snippets({ platformId, sourceModel, region })}
            sourceModels={catalog.sourceModels()}
            onChangeRegion={() => void client.openOptions('region')}
          />
        ) : null}
        {showOffer ? (
          <ConnectionCheckOffer
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
