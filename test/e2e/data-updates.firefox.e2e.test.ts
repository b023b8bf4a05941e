// Signed data updates in Firefox: see data-updates.suite.ts.
import { describeDataUpdates } from './data-updates.suite';

describeDataUpdates('firefox');
