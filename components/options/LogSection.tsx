/**
 * The full log, uBlock-logger style: filter by service and time, search, page through, export
 * JSON or CSV, clear after confirming. Also how long the log keeps events and how many.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';
import { formatDateTime, formatNumber, t, tMaybe, tn } from '../i18n';
import { productLabel, serviceLabel, serviceSlugs } from '../service-names';
import { ClampedText } from '../shared/ClampedText';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { EventWhat } from '../shared/EventWhat';
import { LOG_PAGE_SIZE, type LogState, pageCount, type TimeRange } from '../stores/log-store';
import type { UiSettings } from '../stores/settings-store';
import { useStore } from '../stores/use-store';
import { Section } from './Section';

const RANGE_KEYS = {
  any: 'log.rangeAny',
  day: 'log.rangeDay',
  week: 'log.rangeWeek',
  month: 'log.rangeMonth',
} as const satisfies Record<TimeRange, string>;

function NumberSetting({
  id,
  label,
  hint,
  value,
  min,
  max,
  onCommit,
}: {
  id: string;
  label: string;
  hint: string;
  value: number;
  min: number;
  max: number;
  onCommit: (value: number) => void;
}) {
  const [text, setText] = useState(String(value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (n !== value) onCommit(n);
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={text}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint`}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onChange={commit}
        onBlur={commit}
      />
      <span id={`${id}-hint`} class={invalid ? 'small tone-danger' : 'small muted'}>
        {invalid ? t('options.log.outOfRange', { min: formatNumber(min), max: formatNumber(max) }) : hint}
      </span>
    </div>
  );
}

export function LogSection({
  store,
  values,
  onChange,
}: {
  store: StoreApi<LogState>;
  values: UiSettings;
  onChange: (patch: Partial<UiSettings>) => void;
}) {
  const filter = useStore(store, (s) => s.filter);
  const page = useStore(store, (s) => s.page);
  const result = useStore(store, (s) => s.result);
  const notice = useStore(store, (s) => s.notice);
  const busy = useStore(store, (s) => s.busy);
  const [confirming, setConfirming] = useState(false);
  const [search, setSearch] = useState(filter.search);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  // Search as you type, once the typing pauses.
  const onSearch = (value: string) => {
    setSearch(value);
    if (typing.current) clearTimeout(typing.current);
    typing.current = setTimeout(() => void store.getState().setFilter({ search: value }), 250);
  };

  const total = result.status === 'ready' ? result.total : 0;
  const pages = pageCount(total);

  return (
    <Section id="log" title={t('options.log.title')} intro={t('options.log.intro')}>
      <div class="grid-2">
        <NumberSetting
          id="retention-days"
          label={t('options.log.retention')}
          hint={t('options.log.retentionHint')}
          value={values.retentionDays}
          min={1}
          max={3650}
          onCommit={(retentionDays) => onChange({ retentionDays })}
        />
        <NumberSetting
          id="log-cap"
          label={t('options.log.cap')}
          hint={t('options.log.capHint')}
          value={values.logCap}
          min={100}
          max={10000}
          onCommit={(logCap) => onChange({ logCap })}
        />
      </div>

      <search class="log-filters">
        <div class="field">
          <label for="log-service">{t('log.service')}</label>
          <select
            id="log-service"
            value={filter.service}
            onChange={(e) =>
              void store.getState().setFilter({ service: (e.target as HTMLSelectElement).value })
            }
          >
            <option value="">{t('log.allServices')}</option>
            {serviceSlugs().map((slug) => (
              <option key={slug} value={slug}>
                {serviceLabel(slug)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="log-range">{t('log.range')}</label>
          <select
            id="log-range"
            value={filter.range}
            onChange={(e) =>
              void store.getState().setFilter({ range: (e.target as HTMLSelectElement).value as TimeRange })
            }
          >
            {(Object.keys(RANGE_KEYS) as TimeRange[]).map((range) => (
              <option key={range} value={range}>
                {t(RANGE_KEYS[range])}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-grow">
          <label for="log-search">{t('log.search')}</label>
          <input
            id="log-search"
            type="search"
            value={search}
            maxLength={500}
            placeholder={t('log.searchPlaceholder')}
            onInput={(e) => onSearch((e.target as HTMLInputElement).value)}
          />
        </div>
      </search>

      <div class="row row-between log-toolbar">
        <p class="muted small" aria-live="polite">
          {result.status === 'ready'
            ? total === 0
              ? t('log.noneMatch')
              : t('log.showing', {
                  from: formatNumber(page * LOG_PAGE_SIZE + 1),
                  to: formatNumber(page * LOG_PAGE_SIZE + result.events.length),
                  total: formatNumber(total),
                })
            : result.status === 'loading'
              ? t('common.loading')
              : (tMaybe(result.reasonKey) ?? t('common.backgroundUnavailable'))}
        </p>
        <div class="row">
          <button
            type="button"
            class="button button-small"
            disabled={busy !== null}
            onClick={() => void store.getState().exportLog('json')}
          >
            {t('log.exportJson')}
          </button>
          <button
            type="button"
            class="button button-small"
            disabled={busy !== null}
            onClick={() => void store.getState().exportLog('csv')}
          >
            {t('log.exportCsv')}
          </button>
          <button
            type="button"
            class="button button-small button-danger-outline"
            disabled={busy !== null}
            onClick={() => setConfirming(true)}
          >
            {t('log.clear')}
          </button>
        </div>
      </div>
      <p class={notice?.tone === 'error' ? 'small tone-danger' : 'small tone-ok'} role="status">
        {notice ? (tMaybe(notice.key, notice.params) ?? '') : ''}
      </p>

      {result.status === 'ready' && result.events.length > 0 ? (
        <div class="table-wrap">
          <table class="log-table">
            <caption class="visually-hidden">{t('options.log.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('log.colWhen')}</th>
                <th scope="col">{t('log.colService')}</th>
                <th scope="col">{t('log.colWhat')}</th>
                <th scope="col">{t('log.colMessage')}</th>
                <th scope="col" class="num">
                  {t('log.colCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.events.map((event) => (
                <tr key={event.id} class={event.kind === 'warning' ? 'row-warning' : undefined}>
                  <td class="nowrap">
                    <time dateTime={new Date(event.lastSeen).toISOString()}>
                      {formatDateTime(event.lastSeen)}
                    </time>
                  </td>
                  <td>{productLabel(event.service, event.product)}</td>
                  <td>
                    <EventWhat event={event} />
                  </td>
                  <td class="message-cell">
                    <ClampedText text={event.evidence} max={90} />
                  </td>
                  <td class="num" title={tn('event.times', event.count)}>
                    {formatNumber(event.count)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {pages > 1 ? (
        <nav class="row pager" aria-label={t('log.pagerLabel')}>
          <button
            type="button"
            class="button button-small"
            disabled={page === 0}
            onClick={() => void store.getState().setPage(page - 1)}
          >
            {t('log.previous')}
          </button>
          <span class="small" aria-current="page">
            {t('log.pageOf', { page: formatNumber(page + 1), pages: formatNumber(pages) })}
          </span>
          <button
            type="button"
            class="button button-small"
            disabled={page + 1 >= pages}
            onClick={() => void store.getState().setPage(page + 1)}
          >
            {t('log.next')}
          </button>
        </nav>
      ) : null}

      {confirming ? (
        <ConfirmDialog
          title={t('log.clearTitle')}
          body={t('log.clearBody')}
          confirmLabel={t('log.clearConfirm')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void store.getState().clearLog();
          }}
        />
      ) : null}
    </Section>
  );
}
