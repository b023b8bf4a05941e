// Issue 8's hostile pages in chromium: see hostile-pages.suite.ts.
import { describeHostilePages } from './hostile-pages.suite';

describeHostilePages('chromium');
