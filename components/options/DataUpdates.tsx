/**
 * Where the rules, catalog and region lists in use come from: "data as of <date>, signed" and the
 * mirror, or the data built into this version; "Update now" and the weekly opt-in. Fetching only
 * ever happens from the update addresses built into Detour, and only on the user's say-so.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DataStatusAnswer, DataUpdateAnswer } from '../../core/data-updates/channel';
import { formatIsoDate, t, tMaybe } from '../i18n';
import { useClient } from '../shared/client-context';

type Run = { status: 'idle' } | { status: 'running' } | { status: 'done'; answer: DataUpdateAnswer | null };

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function DataUpdates() {
  const client = useClient();
  const [status, setStatus] = useState<DataStatusAnswer | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [run, setRun] = useState<Run>({ status: 'idle' });

  useEffect(() => {
    let current = true;
    client
      .send('dataStatus', {})
      .then((s) => current && setStatus(s))
      .catch(() => current && setUnavailable(true));
    return () => {
      current = false;
    };
  }, [client]);

  const updateNow = async () => {
    setRun({ status: 'running' });
    try {
      const answer = await client.send('updateData', {});
      setStatus(answer.status);
      setRun({ status: 'done', answer });
    } catch {
      setRun({ status: 'done', answer: null });
    }
  };

  const setWeekly = async (weekly: boolean) => {
    try {
      setStatus(await client.send('setDataWeekly', { weekly }));
    } catch {
      setUnavailable(true);
    }
  };

  if (unavailable) return <p class="muted small">{t('dataUpdates.unavailable')}</p>;
  if (!status) return <p class="muted small">{t('common.loading')}</p>;
  const date = formatIsoDate(status.asOf);
  const outcome = run.status === 'done' ? run.answer : null;
  return (
    <section class="stack" aria-labelledby="data-updates-title">
      <h3 id="data-updates-title" class="section-subtitle">
        {t('dataUpdates.title')}
      </h3>
      <p data-testid="data-source">
        {status.source === 'signed' ? t('dataUpdates.signed', { date }) : t('dataUpdates.builtIn', { date })}
        {status.source === 'signed' && status.mirror ? (
          <>
            {' '}
            {t('dataUpdates.from', {
              mirror: hostOf(status.mirror),
              fetched: formatIsoDate(new Date(status.fetchedAt ?? 0).toISOString().slice(0, 10)),
            })}
          </>
        ) : null}
      </p>
      {!status.verifierAvailable ? <p class="small tone-warn-text">{t('dataUpdates.noVerifier')}</p> : null}
      {status.mirrors === 0 ? (
        <p class="small muted">{t('dataUpdates.noMirrors')}</p>
      ) : (
        <>
          <label class="check">
            <input
              type="checkbox"
              checked={status.weekly}
              onChange={(e) => void setWeekly((e.target as HTMLInputElement).checked)}
            />{' '}
            {t('dataUpdates.weekly')}
          </label>
          <p class="small muted">{t('dataUpdates.weeklyHint', { count: String(status.mirrors) })}</p>
        </>
      )}
      <div class="row">
        <button
          type="button"
          class="button"
          disabled={status.mirrors === 0 || run.status === 'running'}
          onClick={() => void updateNow()}
        >
          {run.status === 'running' ? t('dataUpdates.updating') : t('dataUpdates.updateNow')}
        </button>
        <span aria-live="polite" class={outcome && !outcome.ok ? 'small tone-danger' : 'small tone-ok'}>
          {run.status === 'done'
            ? outcome
              ? (tMaybe(outcome.message, { date: formatIsoDate(outcome.status.asOf) }) ??
                t('dataUpdates.dataFetchFailed'))
              : t('common.backgroundUnavailable')
            : ''}
        </span>
      </div>
    </section>
  );
}
