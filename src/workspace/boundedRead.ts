// The extension's reads of record files, with the index's size limit: a file over it is never
// read. `file:` URIs are read with a bounded handle (see src/files/boundedRead.ts); other file
// systems (remote, virtual) are stat'ed first, which leaves only a file that grows in between.
import * as vscode from 'vscode';
import { FileTooLargeError } from '../core/index';
import { readFileBoundedSync } from '../files/boundedRead';

/** At most `maxBytes` of the file; rejects with FileTooLargeError (its size) when it is larger. */
export async function readUriBounded(uri: vscode.Uri, maxBytes: number): Promise<Uint8Array> {
  if (uri.scheme === 'file') {
    // Blocking calls for local files: a record is a few KB read from the page cache in
    // microseconds, where four round trips through libuv's thread pool (open, fstat, read,
    // close) cost ten times that; the index yields to the event loop between slices of files.
    const read = readFileBoundedSync(uri.fsPath, maxBytes);
    if (!read.ok) throw new FileTooLargeError(read.size);
    return read.bytes;
  }
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > maxBytes) throw new FileTooLargeError(stat.size);
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.length > maxBytes) throw new FileTooLargeError(bytes.length);
  return bytes;
}
