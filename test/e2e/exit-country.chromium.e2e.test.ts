// Issue 10's proof in chromium: see exit-country.suite.ts.
import { describeExitCountry } from './exit-country.suite';

describeExitCountry('chromium');
