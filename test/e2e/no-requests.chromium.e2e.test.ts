// The zero-requests proof in Debian's Chromium (playwright-core): see no-requests.suite.ts.
import { describeNoRequests } from './no-requests.suite';

describeNoRequests('chromium');
