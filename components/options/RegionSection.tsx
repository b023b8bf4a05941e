/**
 * Region that drives the suggestions: automatic (guessed from the UI language and the time
 * zone, and shown as such, less the regions the user ruled out in the popup) or chosen from every
 * ISO 3166-1 country, named in the UI language.
 */
import { useMemo } from 'preact/hooks';
import iso from '../../core/regions/iso3166-1.json';
import type { CatalogView } from '../catalog-view';
import { countryName, t, uiLocale } from '../i18n';
import { useClient } from '../shared/client-context';
import type { UiSettings } from '../stores/settings-store';
import { Section } from './Section';

const CODES = (iso as { countries: Array<{ alpha2: string }> }).countries.map((c) => c.alpha2);

export function RegionSection({
  values,
  catalog,
  onChange,
}: {
  values: UiSettings;
  catalog: CatalogView | null;
  onChange: (patch: Partial<UiSettings>) => void;
}) {
  const client = useClient();
  const uiLanguage = client.uiLanguage();
  const timeZone = client.timeZone();
  const chosen = values.region.mode === 'chosen' ? values.region.country : null;
  // Regions ruled out with "Somewhere else" in the popup's chooser; forgetting them asks again.
  const ruledOut = values.region.mode === 'auto' ? (values.region.notIn ?? []) : [];
  // A guess from language and time zone that the user ruled out is no guess at all.
  const rawGuess = catalog?.guessRegion({ uiLanguage, timeZone }) ?? null;
  const guess = rawGuess && !ruledOut.includes(rawGuess) ? rawGuess : null;
  const options = useMemo(() => {
    const collator = new Intl.Collator(uiLocale());
    return CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
  }, [uiLocale()]);

  return (
    <Section id="region" title={t('options.region.title')} intro={t('options.region.intro')}>
      <fieldset class="choice-group">
        <legend class="visually-hidden">{t('options.region.title')}</legend>
        <label class="choice">
          <input
            type="radio"
            name="region-mode"
            checked={values.region.mode === 'auto'}
            onChange={() => onChange({ region: { mode: 'auto' } })}
          />
          <span>
            <span class="strong">{t('options.region.auto')}</span>
            <span class="muted small block">
              {guess
                ? t('options.region.autoGuess', {
                    country: countryName(guess),
                    code: guess,
                    language: uiLanguage,
                    timeZone,
                  })
                : t('options.region.autoNone', { language: uiLanguage, timeZone })}
            </span>
          </span>
        </label>
        {ruledOut.length > 0 ? (
          <div class="field-indent small">
            <p class="muted">
              {t('regionElsewhere.optionsNote', {
                regions: ruledOut.map((code) => countryName(code)).join(t('common.listSeparator')),
              })}
            </p>
            <button
              type="button"
              class="button button-small"
              onClick={() => onChange({ region: { mode: 'auto' } })}
            >
              {t('regionElsewhere.forget')}
            </button>
          </div>
        ) : null}
        <label class="choice">
          <input
            type="radio"
            name="region-mode"
            checked={values.region.mode === 'chosen'}
            onChange={() => onChange({ region: { mode: 'chosen', country: chosen ?? guess ?? 'US' } })}
          />
          <span class="strong">{t('options.region.chosen')}</span>
        </label>
      </fieldset>
      <div class="field field-indent">
        <label for="region-country">{t('options.region.country')}</label>
        <select
          id="region-country"
          disabled={values.region.mode !== 'chosen'}
          value={chosen ?? guess ?? ''}
          onChange={(e) =>
            onChange({ region: { mode: 'chosen', country: (e.target as HTMLSelectElement).value } })
          }
        >
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {t('options.region.option', { country: o.name, code: o.code })}
            </option>
          ))}
        </select>
      </div>
    </Section>
  );
}
