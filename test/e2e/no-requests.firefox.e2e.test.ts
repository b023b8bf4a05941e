// The zero-requests proof in Firefox ESR (puppeteer-core over WebDriver BiDi): see no-requests.suite.ts.
import { describeNoRequests } from './no-requests.suite';

describeNoRequests('firefox');
