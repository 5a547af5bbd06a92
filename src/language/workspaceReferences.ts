// Every mention of a requirement ID across the workspace: Markdown, code, other records, plain
// text. Open documents are read as they are in the editor (unsaved text included).
import * as vscode from 'vscode';
import type { IdGrammar } from '../core/ids';
import { LineIndex } from '../core/text';
import { rangeAt } from '../workspace/positions';

/** Text files worth searching for IDs (binary and generated files are left out). */
const SEARCHED =
  '**/*.{md,markdown,mdx,txt,rst,adoc,ts,tsx,js,jsx,mjs,cjs,py,go,java,kt,kts,rs,c,h,cc,cpp,hpp,cs,rb,php,swift,scala,sql,yaml,yml,toml,json,jsonc,xml,html,css,scss,vue,svelte,sh,bash,ps1,feature}';
const EXCLUDED = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/build/**,**/.vscode-test/**}';
/** More files than this are not searched: a rename or a reference search must stay quick. */
const MAX_FILES = 20_000;

export interface IdOccurrence {
  uri: vscode.Uri;
  range: vscode.Range;
}

export async function findIdOccurrences(id: string, grammar: IdGrammar, token?: vscode.CancellationToken): Promise<IdOccurrence[]> {
  const uris = await vscode.workspace.findFiles(SEARCHED, EXCLUDED, MAX_FILES, token);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const found: IdOccurrence[] = [];
  for (const uri of uris) {
    if (token?.isCancellationRequested) break;
    const doc = open.get(uri.toString());
    let text: string;
    if (doc) text = doc.getText();
    else {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue; // gone meanwhile
      }
    }
    // A cheap test first: most files do not mention the ID at all.
    if (!text.includes(id)) continue;
    const at = doc ?? new LineIndex(text);
    for (const ref of grammar.findReferences(text)) {
      if (ref.id === id) found.push({ uri, range: rangeAt(at, ref) });
    }
  }
  return found;
}
