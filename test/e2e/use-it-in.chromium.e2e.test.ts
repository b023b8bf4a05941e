// Use it in… in chromium: see use-it-in.suite.ts.
import { describeUseItIn } from './use-it-in.suite';

describeUseItIn('chromium');
