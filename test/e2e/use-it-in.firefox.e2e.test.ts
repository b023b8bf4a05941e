// Use it in… in firefox: see use-it-in.suite.ts.
import { describeUseItIn } from './use-it-in.suite';

describeUseItIn('firefox');
