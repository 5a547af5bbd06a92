// Temporary folders for mocha suites (unit and integration): made before the suite, removed after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * For a suite: an empty temporary folder (`dir`, named from `prefix`), made before the suite and
 * removed after it. The field is set once the suite's hooks have run.
 */
export function tempDirForSuite(prefix: string): { dir: string } {
  const tmp = { dir: '' };
  before(() => {
    tmp.dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  after(() => rmSync(tmp.dir, { recursive: true, force: true }));
  return tmp;
}
