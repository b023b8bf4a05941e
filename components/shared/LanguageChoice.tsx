/**
 * The language choice: follow the browser, English, 简体中文, 繁體中文. Each language is named in
 * itself; "follow the browser" says which one that gives here. Used by the options and the
 * first-run page; the choice is written to the uiLanguage setting and every page follows it.
 */
import {
  LANGUAGE_NAME_LANG,
  LANGUAGE_NAMES,
  type MessageLocale,
  type UiLanguage,
} from '../../core/language/choice';
import { followedLocale, t } from '../i18n';

const FIXED: ReadonlyArray<[UiLanguage, MessageLocale]> = [
  ['en', 'en'],
  ['zh-CN', 'zh_CN'],
  ['zh-TW', 'zh_TW'],
];

export function LanguageChoice({
  id,
  value,
  onChange,
}: {
  id: string;
  value: UiLanguage;
  onChange: (uiLanguage: UiLanguage) => void;
}) {
  const followed = followedLocale();
  return (
    <div class="field">
      <label for={id} class="strong">
        {t('language.label')}
      </label>
      <select
        id={id}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value as UiLanguage)}
      >
        <option value="browser">{t('language.followBrowser', { language: LANGUAGE_NAMES[followed] })}</option>
        {FIXED.map(([choice, locale]) => (
          <option key={choice} value={choice} lang={LANGUAGE_NAME_LANG[locale]}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} class="muted small">
        {t('language.hint')}
      </p>
    </div>
  );
}
