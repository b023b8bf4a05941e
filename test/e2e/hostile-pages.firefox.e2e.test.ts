// The hostile pages in Firefox: see hostile-pages.suite.ts.
import { describeHostilePages } from './hostile-pages.suite';

describeHostilePages('firefox');
