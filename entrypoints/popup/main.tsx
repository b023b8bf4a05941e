import { startFirstReadsRaw } from '../../components/popup/first-reads';
import '../../components/theme.css';
import '../../components/popup/popup.css';

// Marks for the bench (bench/measure-popup.ts): where the time before the first paint goes.
performance.mark('detour:popup:script');
// The tab and the snapshot are asked for first, from this module of a few hundred bytes; the rest
// of the popup loads while the browser answers (components/popup/first-reads.ts).
const first = startFirstReadsRaw();
void import('../../components/popup/mount-popup').then(({ mountPopup }) =>
  mountPopup(first, document.getElementById('app') as HTMLElement),
);
