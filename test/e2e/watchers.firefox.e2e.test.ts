// The watchers in Firefox ESR (puppeteer-core over WebDriver BiDi): see watchers.suite.ts.
import { describeWatchers } from './watchers.suite';

describeWatchers('firefox');
