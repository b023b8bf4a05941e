/**
 * "Check now": asks the background to try the service once from here and says what came
 * back, with the exit country when the service told it. Results are announced politely
 * through a live region; a failed check says why and offers to try again.
 */
import { countryName, t, tMaybe } from '../i18n';
import { ClampedText } from '../shared/ClampedText';
import { Icon } from '../shared/Icon';
import type { CheckState } from '../stores/popup-store';
import type { ExitCountryView } from '../view-models';
import { ExitCountryLine } from './ExitCountryLine';

function reasonText(key: string | null): string {
  return (key && tMaybe(key)) || t('check.reasonUnknown');
}

export function CheckNow({
  serviceName,
  check,
  exitView,
  onCheck,
  onAdopt,
  now,
}: {
  serviceName: string;
  check: CheckState;
  exitView: ExitCountryView | null;
  onCheck: () => void;
  onAdopt?: () => void;
  now?: number;
}) {
  const running = check.status === 'running';
  return (
    <section class="check" aria-labelledby="check-title">
      <div class="row row-between">
        <h2 id="check-title" class="section-title">
          {t('check.title', { service: serviceName })}
        </h2>
        <button
          type="button"
          class="button button-small"
          onClick={onCheck}
          disabled={running}
          aria-describedby="check-explain"
        >
          <Icon name="refresh" size={14} class={running ? 'spin' : undefined} />
          {running ? t('check.running') : check.status === 'idle' ? t('check.run') : t('check.again')}
        </button>
      </div>
      <p id="check-explain" class="muted small">
        {t('check.explain', { service: serviceName })}
      </p>
      <div aria-live="polite" aria-atomic="true" class="check-result">
        {check.status === 'done' ? (
          <CheckResult check={check} exitView={exitView} onAdopt={onAdopt} now={now} />
        ) : null}
        {check.status === 'failed' ? (
          <p class="result result-failed" role="alert">
            <Icon name="warning" size={16} class="tone-warn" />
            <span>{t('check.failed', { reason: reasonText(check.reasonKey) })}</span>
          </p>
        ) : null}
      </div>
    </section>
  );
}

function CheckResult({
  check,
  exitView,
  onAdopt,
  now,
}: {
  check: Extract<CheckState, { status: 'done' }>;
  exitView: ExitCountryView | null;
  onAdopt?: () => void;
  now?: number;
}) {
  const { report } = check;
  return (
    <>
      {report.status === 'reachable' ? (
        <p class="result result-ok">
          <Icon name="check" size={16} class="tone-ok" />
          <span>{t('check.reachable')}</span>
        </p>
      ) : report.status === 'blocked' ? (
        <div class="result result-blocked">
          <Icon name="block" size={16} class="tone-danger" />
          <div>
            <p>{t('check.blocked')}</p>
            {report.evidence ? (
              <q class="evidence small">
                <ClampedText text={report.evidence} max={100} />
              </q>
            ) : null}
          </div>
        </div>
      ) : (
        <p class="result result-unknown">
          <Icon name="info" size={16} class="tone-muted" />
          <span>{t('check.unknown', { reason: reasonText(report.reason) })}</span>
        </p>
      )}
      {exitView ? (
        <ExitCountryLine view={exitView} now={now} onAdopt={onAdopt} />
      ) : report.exitCountry ? (
        <p class="muted small">
          {t('check.exitCountry', {
            country: countryName(report.exitCountry),
            code: report.exitCountry.toUpperCase(),
          })}
        </p>
      ) : (
        <p class="muted small">{t('check.exitCountryUnknown')}</p>
      )}
    </>
  );
}
