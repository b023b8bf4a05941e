import { startFirstReadsRaw } from '../../components/popup/first-reads';
import { mountPopup } from '../../components/popup/mount-popup';
import '../../components/theme.css';
import '../../components/popup/popup.css';

// Marks for the bench (bench/measure-popup.ts): where the time before the first paint goes.
performance.mark('detour:popup:script');
// The tab, the snapshot and the language choice are asked for at once, before anything renders
// (components/popup/first-reads.ts).
mountPopup(startFirstReadsRaw(), document.getElementById('app') as HTMLElement);
