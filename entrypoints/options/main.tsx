import { render } from 'preact';
import { t, uiLocale } from '../../components/i18n';
import { OptionsPage } from '../../components/options/OptionsPage';
import '../../components/theme.css';
import '../../components/options/options.css';

document.documentElement.lang = uiLocale();
document.title = t('options.documentTitle');
render(<OptionsPage />, document.getElementById('app') as HTMLElement);
