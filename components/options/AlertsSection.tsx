/** How Detour speaks up: notifications, the toolbar badge, and the optional connection check. */
import { t } from '../i18n';
import type { UiSettings } from '../stores/settings-store';
import { Section } from './Section';

export function AlertsSwitch({
  checked,
  label,
  hint,
  onChange,
}: {
  checked: boolean;
  label: string;
  hint: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label class="switch switch-block">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange((e.target as HTMLInputElement).checked)}
      />
      <span>
        <span class="strong">{label}</span>
        <span class="muted small block">{hint}</span>
      </span>
    </label>
  );
}

export function AlertsSection({
  values,
  onChange,
}: {
  values: UiSettings;
  onChange: (patch: Partial<UiSettings>) => void;
}) {
  return (
    <Section id="notifications" title={t('options.alerts.title')}>
      <div class="stack">
        <AlertsSwitch
          checked={values.notifications}
          label={t('options.alerts.notifications')}
          hint={t('options.alerts.notificationsHint')}
          onChange={(notifications) => onChange({ notifications })}
        />
        <AlertsSwitch
          checked={values.badge}
          label={t('options.alerts.badge')}
          hint={t('options.alerts.badgeHint')}
          onChange={(badge) => onChange({ badge })}
        />
        <AlertsSwitch
          checked={values.exitCheckOnOpen}
          label={t('offer.title')}
          hint={t('offer.whatItSends')}
          onChange={(exitCheckOnOpen) => onChange({ exitCheckOnOpen, exitCheckOffered: true })}
        />
      </div>
    </Section>
  );
}
