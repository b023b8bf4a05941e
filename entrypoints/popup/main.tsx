import { takeFirstPaint } from '../../components/first-paint/handoff';
import { mountPopup } from '../../components/popup/mount-popup';
import '../../components/theme.css';
import '../../components/popup/popup.css';

// Marks for the bench (bench/measure-popup.ts): where the time before the first paint goes.
performance.mark('detour:popup:script');
// popup.html runs the first paint's classic script (entrypoints/popup-first-paint.ts) as soon as it
// is read, while this module (moved into <head> by the build) loads in parallel. That script
// (components/first-paint) has asked for the tab, the snapshot and the
// language choice already, and may have painted. Had it not run, the store and the settings ask
// for themselves, as they do in tests.
const firstPaint = takeFirstPaint();
mountPopup(firstPaint?.reads, document.getElementById('app') as HTMLElement, firstPaint?.painted);
