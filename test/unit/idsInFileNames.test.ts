// An ID in a file's name is not handed out again, whatever ID the file itself holds: a record copied
// to `REQ-2026-007-….md` that still says REQ-2026-002 would read as the twin of a new REQ-2026-007.
// New Requirement always skipped them; `next-id`, import and the duplicate-ID quick fix now do too.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';

const record = (id: string, title: string) => `---\nid: ${id}\ntitle: ${title}\ntype: functional\nstatus: new\n---\n`;

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: () => undefined, cwd, env: {} }, new Date(2026, 5, 1));
  return { code, out: out.join('\n') };
}

describe('IDs in file names are not handed out', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-names-'));
    mkdirSync(path.join(root, 'requirements'));
    writeFileSync(path.join(root, 'requirements/REQ-2026-001-export.md'), record('REQ-2026-001', 'Export'));
    // A copy whose name kept a number the records do not hold.
    writeFileSync(path.join(root, 'requirements/REQ-2026-007-copy.md'), record('REQ-2026-002', 'Copy'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('next-id skips the number in a file name', async () => {
    assert.deepEqual(await run(root, 'next-id', '--year', '2026', '--no-branches'), { code: 0, out: 'REQ-2026-008' });
  });

  it('import allocates past the number in a file name, and a row may still keep that ID explicitly', async () => {
    const table = path.join(root, 'rows.csv');
    writeFileSync(table, 'id,title,type,submitted\n,New one,functional,2026-05-04\nREQ-2026-007,Kept,functional,2026-05-04\n');
    const result = await run(root, 'import', table, '--no-branches');
    assert.equal(result.code, 0, result.out);
    assert.deepEqual(readdirSync(path.join(root, 'requirements')).sort(), [
      'REQ-2026-001-export.md',
      'REQ-2026-007-copy.md',
      'REQ-2026-007-kept.md',
      'REQ-2026-008-new-one.md',
    ]);
  });
});
