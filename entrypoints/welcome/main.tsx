import { t } from '../../components/i18n';
import { renderLocalized } from '../../components/localized-page';
import { WelcomePage } from '../../components/welcome/WelcomePage';
import '../../components/theme.css';
import '../../components/options/options.css';
import '../../components/welcome/welcome.css';

renderLocalized(
  document.getElementById('app') as HTMLElement,
  () => <WelcomePage />,
  () => t('welcome.documentTitle'),
);
