// The records as near-duplicate detection compares them: title, scenario and goal. The index keeps
// no body text (it would weigh on every record of a large workspace), so the sections are read
// when a command first asks, and kept per record object: the index replaces a record when its
// file changes, so a kept entry is never stale, and later asks read only the records that changed.
import * as vscode from 'vscode';
import type { RequirementIndex, RequirementRecord } from '../core/index';
import { similarityText, type DuplicateCandidate } from '../core/nearDuplicates';
import { eachConcurrently } from '../core/slices';
import { openDocument } from '../workspace/positions';
import { readUriBounded } from '../workspace/boundedRead';

const kept = new WeakMap<RequirementRecord, DuplicateCandidate>();
const utf8 = new TextDecoder('utf-8');

async function candidateOf(record: RequirementRecord, maxBytes: number): Promise<DuplicateCandidate> {
  let text = '';
  try {
    // An open editor's text (unsaved changes included), else the file.
    text = openDocument(record.file)?.getText() ?? utf8.decode(await readUriBounded(vscode.Uri.parse(record.file), maxBytes));
  } catch {
    // Gone or unreadable: compared by its title only.
  }
  return {
    file: record.file,
    ...(record.id ? { id: record.id } : {}),
    ...(record.title ? { title: record.title } : {}),
    text: similarityText(text),
  };
}

/** Every parsed record with an ID, as a candidate, in the index's order. */
export async function duplicateCandidates(index: RequirementIndex): Promise<DuplicateCandidate[]> {
  const records = index.all().filter((r) => r.id && !r.skipped);
  await eachConcurrently(records, 32, async (record) => {
    if (!kept.has(record)) kept.set(record, await candidateOf(record, index.settings.maxFileBytes));
  });
  return records.map((r) => kept.get(r)!);
}
