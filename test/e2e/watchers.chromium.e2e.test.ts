// The watchers in Debian's Chromium (playwright-core): see watchers.suite.ts.
import { describeWatchers } from './watchers.suite';

describeWatchers('chromium');
