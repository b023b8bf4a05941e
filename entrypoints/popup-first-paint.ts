/**
 * The popup's first paint (components/first-paint), a classic script that popup.html runs while it
 * is parsed, beside the app's module, which loads in parallel and takes over.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startFirstPaint } from '../components/first-paint/first-paint';

export default defineUnlistedScript(() => startFirstPaint(() => document.getElementById('app')));
