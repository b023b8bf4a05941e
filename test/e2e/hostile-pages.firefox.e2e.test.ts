// Issue 8's hostile pages in firefox: see hostile-pages.suite.ts.
import { describeHostilePages } from './hostile-pages.suite';

describeHostilePages('firefox');
