/**
 * Asks once where the user is, when the evidence points to a set and not to one region: a
 * service that refused (its published list says where it does not serve), or several services
 * that do not serve mainland China unreachable from this network. One tap stores the region
 * setting; "Somewhere else" opens the full list in the options. Detour never assumes.
 */
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
  onOther: () => void;
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
        <button type="button" class="button button-small" onClick={onOther}>
          {t('unreachable.regionOther')}
        </button>
      </fieldset>
    </section>
  );
}
