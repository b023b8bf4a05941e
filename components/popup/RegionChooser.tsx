/**
 * Asks once where the user is, when the evidence points to a set and not to one region: a
 * service that refused (its published list says where it does not serve), or several services
 * that do not serve mainland China unreachable from this network. One tap stores the answer: a
 * region becomes the region setting; "Somewhere else" rules out the regions offered (kept in the
 * setting, changeable in the options), so the chooser does not ask about them again. Detour
 * never assumes.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { RegionQuestion } from '../../core/messaging/protocol';
import { countryName, t } from '../i18n';

/**
 * Each region in its own language, so a person finds theirs whatever the UI language is
 * (the names are the regions' own, not translations of Detour's text).
 */
const OWN_NAMES: Record<string, { name: string; lang: string }> = {
  CN: { name: '中国大陆', lang: 'zh-Hans' },
  HK: { name: '香港', lang: 'zh-Hant-HK' },
  MO: { name: '澳門', lang: 'zh-Hant-MO' },
  RU: { name: 'Россия', lang: 'ru' },
  IR: { name: 'ایران', lang: 'fa' },
};

export function RegionChooser({
  question,
  serviceName,
  onChoose,
  onOther,
}: {
  question: RegionQuestion;
  serviceName: string;
  onChoose: (country: string) => void;
  /** "Somewhere else": the user is in none of `candidates`. */
  onOther: (candidates: string[]) => void;
}) {
  const regions = question.candidates.map((c) => countryName(c)).join(t('common.listSeparator'));
  return (
    <section class="card region-chooser" aria-labelledby="region-ask-title">
      <h2 id="region-ask-title" class="card-title">
        {t('unreachable.regionAskTitle')}
      </h2>
      <p class="small">
        {question.source === 'refusal'
          ? t('unreachable.regionAskRefused', { service: serviceName, regions })
          : t('unreachable.regionAskUnreachable')}
      </p>
      <fieldset class="chooser-buttons" aria-label={t('unreachable.regionGroup')}>
        {question.candidates.map((code) => {
          const own = OWN_NAMES[code];
          return (
            <button
              key={code}
              type="button"
              class="button button-small"
              lang={own?.lang}
              onClick={() => onChoose(code)}
            >
              {own?.name ?? countryName(code)}
            </button>
          );
        })}
        <button type="button" class="button button-small" onClick={() => onOther(question.candidates)}>
          {t('unreachable.regionOther')}
        </button>
      </fieldset>
    </section>
  );
}

/**
 * What the chooser's answer did, in its place. The chooser (and the button that had the focus)
 * is gone after a tap, so the focus moves here and screen readers announce it; `onChange` offers
 * the options' region section.
 */
export function RegionAnswered({
  children,
  onChange,
}: {
  children: ComponentChildren;
  onChange?: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="region-answered muted small" role="status" tabIndex={-1} ref={ref}>
      {children}
      {onChange ? (
        <>
          {' '}
          <button type="button" class="link-button" onClick={onChange}>
            {t('regionElsewhere.change')}
          </button>
        </>
      ) : null}
    </div>
  );
}
