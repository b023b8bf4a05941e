// The exit-country check in Chromium: see exit-country.suite.ts.
import { describeExitCountry } from './exit-country.suite';

describeExitCountry('chromium');
