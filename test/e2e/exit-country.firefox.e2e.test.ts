// Issue 10's proof in firefox: see exit-country.suite.ts.
import { describeExitCountry } from './exit-country.suite';

describeExitCountry('firefox');
