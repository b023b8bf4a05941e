import { render } from 'preact';
import { uiLocale } from '../../components/i18n';
import { PopupPage } from '../../components/popup/PopupPage';
import '../../components/theme.css';
import '../../components/popup/popup.css';

document.documentElement.lang = uiLocale();
render(<PopupPage />, document.getElementById('app') as HTMLElement);
