/** The language Detour speaks in popup, options, notifications and badge titles. */

import { t } from '../i18n';
import { LanguageChoice } from '../shared/LanguageChoice';
import type { UiSettings } from '../stores/settings-store';
import { Section } from './Section';

export function LanguageSection({
  values,
  onChange,
}: {
  values: UiSettings;
  onChange: (patch: Partial<UiSettings>) => void;
}) {
  return (
    <Section id="language" title={t('language.title')}>
      <LanguageChoice
        id="language-choice"
        value={values.uiLanguage}
        onChange={(uiLanguage) => onChange({ uiLanguage })}
      />
    </Section>
  );
}
