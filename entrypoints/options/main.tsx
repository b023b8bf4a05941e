import { t } from '../../components/i18n';
import { renderLocalized } from '../../components/localized-page';
import { OptionsPage } from '../../components/options/OptionsPage';
import '../../components/theme.css';
import '../../components/options/options.css';

renderLocalized(
  document.getElementById('app') as HTMLElement,
  () => <OptionsPage />,
  () => t('options.documentTitle'),
);
