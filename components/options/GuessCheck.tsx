/**
 * What "Check an error message" shows for a pasted failure that only guesses at a region ('Claude
 * Code might not be available in your country'), or for a service's block page pasted out of the
 * place where it counts (ChatGPT's 'Unable to load site'): the text cannot decide, so it offers to
 * ask the named service once from this browser (the background's reachability check, a user
 * action) and says what came back. A refusal then brings the same suggestions as a recognised block.
 * The same ask, folded away, follows a text the engine leaves clean (UnsureCheck).
 */
import { useState } from 'preact/hooks';
import type { ReachabilityReport } from '../../core/catalog/reachability';
import type { CheckerGuess } from '../../core/detection';
import { failureKey } from '../background-failure';
import { t, tMaybe } from '../i18n';
import { ClampedText } from '../shared/ClampedText';
import { Icon } from '../shared/Icon';

type AskState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; report: ReachabilityReport }
  | { status: 'failed'; reasonKey: string };

/** What every offer to ask a service is given. */
interface AskOffer {
  /** Asks the service once; null where no background can (a test without one). */
  ask: ((service: string) => Promise<ReachabilityReport>) | null;
  /** The services Detour can ask, for a text that names none: the person says which one it was. */
  choices?: ReadonlyArray<{ service: string; name: string }>;
  /** Told every answer, so the page can follow a refusal with its suggestions. */
  onAnswer?: (report: ReachabilityReport | null) => void;
}

export function GuessCheck({
  guess,
  serviceName,
  ask,
  choices = [],
  onAnswer,
}: AskOffer & {
  guess: CheckerGuess;
  /** The named service as people call it, or null when the text names none Detour knows. */
  serviceName: string | null;
}) {
  // What the text is (a guess, or a block page out of place), and whose: the title and the why go together.
  const [title, why] = !serviceName
    ? [t('options.check.guessUnnamed'), t('options.check.guessWhyUnnamed')]
    : guess.basis === 'page'
      ? [
          t('options.check.guessPage', { service: serviceName }),
          t('options.check.guessPageWhy', { service: serviceName }),
        ]
      : [
          t('options.check.guess', { service: serviceName }),
          t('options.check.guessWhy', { service: serviceName }),
        ];
  return (
    <div class="card card-offer">
      <div class="card-head">
        <Icon name="info" size={20} class="tone-warn" />
        <div class="stack-tight">
          <p class="card-title">{title}</p>
          <q class="evidence">
            <ClampedText text={guess.evidence} max={200} />
          </q>
          <p class="small">{why}</p>
        </div>
      </div>
      <AskService
        id="guess"
        service={guess.service}
        serviceName={serviceName}
        ask={ask}
        choices={choices}
        onAnswer={onAnswer}
      />
    </div>
  );
}

/**
 * Under a text the engine leaves clean, folded away: the words a service shows decide, and a
 * person's own account of a refusal ('It doesn't work in Italy') or an error that gives no reason
 * (a bare 403) cannot; asking the service once from this browser can. Only a click asks.
 */
export function UnsureCheck({
  service,
  serviceName,
  ask,
  choices = [],
  onAnswer,
}: AskOffer & {
  /** The service the clean text looks like, when Detour can ask it; null: the person chooses. */
  service: string | null;
  serviceName: string | null;
}) {
  if (!ask) return null;
  return (
    <details class="details unsure-offer">
      <summary>{t('options.check.unsure')}</summary>
      <div class="stack-tight">
        <p class="small">{t('options.check.unsureWhy')}</p>
        <AskService
          id="unsure"
          service={service}
          serviceName={serviceName}
          ask={ask}
          choices={choices}
          onAnswer={onAnswer}
        />
      </div>
    </details>
  );
}

/** The service chooser (when none is known), the ask button and its answer. */
function AskService({
  id,
  service: known,
  serviceName,
  ask,
  choices = [],
  onAnswer,
}: AskOffer & {
  /** Prefix of the element ids, unique on the page. */
  id: string;
  service: string | null;
  serviceName: string | null;
}) {
  const [state, setState] = useState<AskState>({ status: 'idle' });
  const [chosen, setChosen] = useState('');
  const service = known ?? (chosen || null);
  const askName = serviceName ?? choices.find((choice) => choice.service === chosen)?.name ?? null;
  const run = async () => {
    if (!service || !ask || state.status === 'running') return;
    setState({ status: 'running' });
    onAnswer?.(null);
    try {
      const report = await ask(service);
      setState({ status: 'done', report });
      onAnswer?.(report);
    } catch (error) {
      setState({ status: 'failed', reasonKey: failureKey(error) });
    }
  };
  const running = state.status === 'running';
  return (
    <>
      {!known && ask && choices.length > 0 ? (
        <div class="field">
          <label for={`${id}-service`}>{t('options.check.guessChoose')}</label>
          <select
            id={`${id}-service`}
            value={chosen}
            onChange={(event) => {
              setChosen((event.target as HTMLSelectElement).value);
              setState({ status: 'idle' });
              onAnswer?.(null);
            }}
          >
            <option value="">{t('options.check.guessChooseNone')}</option>
            {choices.map((choice) => (
              <option key={choice.service} value={choice.service}>
                {choice.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {askName && ask ? (
        <>
          <div class="row">
            <button
              type="button"
              class="button button-small"
              onClick={() => void run()}
              disabled={running}
              aria-describedby={`${id}-connection`}
            >
              <Icon name="refresh" size={14} class={running ? 'spin' : undefined} />
              {running
                ? t('check.running')
                : state.status === 'idle'
                  ? t('options.check.guessAsk', { service: askName })
                  : t('check.again')}
            </button>
          </div>
          <p id={`${id}-connection`} class="muted small">
            {t('options.check.guessConnection')}
          </p>
        </>
      ) : null}
      <div aria-live="polite" aria-atomic="true" class="check-result">
        {state.status === 'done' ? <ReachabilityAnswer report={state.report} /> : null}
        {state.status === 'failed' ? <ReachabilityFailed reasonKey={state.reasonKey} /> : null}
      </div>
    </>
  );
}

/*
 * The answer's lines are the popup's "Check now" lines (components/popup/CheckNow.tsx), drawn here
 * again: shared from one module, they cost the popup 62 bytes gzip and took it over its 45 KB
 * budget (46,110 bytes against 46,080, measured with `npm run bench -- --only sizes`).
 */
/** The words for a failure's or an unknown answer's message key. */
function reasonText(key: string | null): string {
  return (key && tMaybe(key)) || t('check.reasonUnknown');
}

function ReachabilityAnswer({ report }: { report: ReachabilityReport }) {
  if (report.status === 'reachable')
    return (
      <p class="result result-ok">
        <Icon name="check" size={16} class="tone-ok" />
        <span>{t('check.reachable')}</span>
      </p>
    );
  if (report.status === 'blocked')
    return (
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
    );
  return (
    <p class="result result-unknown">
      <Icon name="info" size={16} class="tone-muted" />
      <span>{t('check.unknown', { reason: reasonText(report.reason) })}</span>
    </p>
  );
}

/** A check that could not run at all, and why. */
function ReachabilityFailed({ reasonKey }: { reasonKey: string }) {
  return (
    <p class="result result-failed" role="alert">
      <Icon name="warning" size={16} class="tone-warn" />
      <span>{t('check.failed', { reason: reasonText(reasonKey) })}</span>
    </p>
  );
}
