// The generated corpus every bench that needs N records like the examples writes once and reuses.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { benchRecord } from './generate';

/** Bump when benchRecord changes, so that a kept corpus is written anew. */
const CORPUS_VERSION = 3;

/**
 * Writes N records under `root/requirements/generated/` once and reuses them: files written
 * moments before are still being flushed by the kernel, and that write-back would be measured as
 * if it were reading. Returns the files' paths.
 */
export function writeBenchCorpus(root: string, n: number): string[] {
  const dir = path.join(root, 'requirements', 'generated');
  const files = Array.from({ length: n }, (_, i) => path.join(dir, `需求-2026-${String(i + 1).padStart(5, '0')}.md`));
  const stamp = path.join(root, `corpus-v${CORPUS_VERSION}.done`);
  if (existsSync(stamp)) return files;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Dated an hour back, as files in a repository are: the index only trusts its warm-start cache
  // with files last written well before they were read.
  const past = new Date(Date.now() - 3_600_000);
  files.forEach((file, i) => {
    writeFileSync(file, benchRecord(i));
    utimesSync(file, past, past);
  });
  try {
    execFileSync('sync');
  } catch {
    // No sync(1): the first rounds may be noisier.
  }
  writeFileSync(stamp, '');
  return files;
}
