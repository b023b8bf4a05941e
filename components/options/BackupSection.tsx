/**
 * Settings backup: export as a JSON file, import one back (core/settings/transfer). An import
 * is validated whole before anything is written; a wrong file is refused with what is wrong,
 * changing nothing.
 */
import { useRef, useState } from 'preact/hooks';
import { importSettings, type SettingsImportResult, settingsToFile } from '../../core/settings/transfer';
import { t, tMaybe } from '../i18n';
import { useClient } from '../shared/client-context';
import type { UiSettings } from '../stores/settings-store';
import { Section } from './Section';

type Outcome =
  | { tone: 'ok'; key: 'backup.imported' | 'backup.exported' }
  | { tone: 'error'; reason: string; detail: string };

export function BackupSection({
  values,
  importFile = importSettings,
  now = Date.now,
}: {
  values: UiSettings;
  /** Validates and writes a settings file; the default is core/settings' importSettings. */
  importFile?: (text: string) => Promise<SettingsImportResult>;
  now?: () => number;
}) {
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const onFile = async (event: Event) => {
    const target = event.target as HTMLInputElement;
    const file = target.files?.[0];
    target.value = '';
    if (!file) return;
    const result = await importFile(await file.text());
    setOutcome(result.ok ? { tone: 'ok', key: 'backup.imported' } : { tone: 'error', ...result });
  };

  return (
    <Section id="backup" title={t('options.backup.title')} intro={t('options.backup.intro')}>
      <div class="row">
        <button
          type="button"
          class="button"
          onClick={() => {
            client.download(settingsToFile(values, now()));
            setOutcome({ tone: 'ok', key: 'backup.exported' });
          }}
        >
          {t('options.backup.export')}
        </button>
        <button type="button" class="button" onClick={() => input.current?.click()}>
          {t('options.backup.import')}
        </button>
        <input
          ref={input}
          id="settings-file"
          class="visually-hidden"
          type="file"
          accept="application/json,.json"
          tabIndex={-1}
          aria-label={t('options.backup.import')}
          onChange={onFile}
        />
      </div>
      <div aria-live="polite">
        {outcome?.tone === 'ok' ? <p class="small tone-ok">{t(outcome.key)}</p> : null}
        {outcome?.tone === 'error' ? (
          <div class="notice notice-error" role="alert">
            <p class="strong">{t('backup.refused')}</p>
            <p>{tMaybe(outcome.reason) ?? t('settingsImport.invalid')}</p>
            {outcome.detail ? (
              <p class="small">
                {t('backup.detailLabel')}
                <code>{outcome.detail}</code>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </Section>
  );
}
