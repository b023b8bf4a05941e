// The exit-country check in Firefox: see exit-country.suite.ts.
import { describeExitCountry } from './exit-country.suite';

describeExitCountry('firefox');
