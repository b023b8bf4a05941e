// reference/ is a verbatim copy of research with sources: a file edited in place (rather than
// replaced whole, with its checksum) would let a rule cite text no public source ever said.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REFERENCE = join(import.meta.dirname, '..', '..', 'reference');
const README = readFileSync(join(REFERENCE, 'README.md'), 'utf8');

/** The `| \`file\` | \`sha256\` |` rows of the README's checksum table. */
function listedChecksums(readme: string): Map<string, string> {
  const rows = [...readme.matchAll(/^\| `([^`]+)` \| `([0-9a-f]{64})` \|$/gm)];
  return new Map(rows.map((row) => [row[1] as string, row[2] as string]));
}

describe('reference/', () => {
  const listed = listedChecksums(README);
  const files = readdirSync(REFERENCE).filter((name) => name !== 'README.md');

  it('lists every file it holds, and no file it lacks', () => {
    expect([...listed.keys()].sort()).toEqual([...files].sort());
  });

  it.each(files)('%s is the copy the README names', (name) => {
    const digest = createHash('sha256')
      .update(readFileSync(join(REFERENCE, name)))
      .digest('hex');
    expect(digest).toBe(listed.get(name));
  });

  it('reads a checksum table and notices a changed digest', () => {
    const table = `| \`a.json\` | \`${'0'.repeat(64)}\` |\n| \`b.md\` | \`${'f'.repeat(64)}\` |`;
    expect(listedChecksums(table)).toEqual(
      new Map([
        ['a.json', '0'.repeat(64)],
        ['b.md', 'f'.repeat(64)],
      ]),
    );
    expect(listedChecksums('| `a.json` | `not-a-digest` |').size).toBe(0);
  });
});
