// The hostile pages in Chromium: see hostile-pages.suite.ts.
import { describeHostilePages } from './hostile-pages.suite';

describeHostilePages('chromium');
