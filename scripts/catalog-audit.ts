/**
 * `npm run catalog:audit [-- --json]`: every fact of the bundled catalog by age and source domain.
 * Ages are counted to today (UTC); the report itself lives in core/catalog/audit.ts.
 */
import { auditCatalog, formatAudit } from '../core/catalog/audit';
import { BUNDLED_CATALOG } from '../core/catalog/catalog';

const now = Date.now();
const rows = auditCatalog(BUNDLED_CATALOG, now);
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else process.stdout.write(formatAudit(rows, new Date(now).toISOString().slice(0, 10)));
