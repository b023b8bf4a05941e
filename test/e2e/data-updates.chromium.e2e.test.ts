// Signed data updates in Chromium: see data-updates.suite.ts.
import { describeDataUpdates } from './data-updates.suite';

describeDataUpdates('chromium');
