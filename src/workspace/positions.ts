// Offsets (what core reports: UTF-16 indexes into a file's BOM-less text) as VS Code positions and
// ranges. The one place this mapping is written: an open document maps its own text (unsaved edits
// included); a file that is not open is read from disk and mapped with core's LineIndex.
import * as vscode from 'vscode';
import { LineIndex, LineStarts, type OffsetRange } from '../core/text';
import { readUriBounded } from './boundedRead';

/** A text that maps its offsets: its open document, or a line index of the text on disk. */
export type TextWithPositions = vscode.TextDocument | LineIndex;

/** What maps a text's offsets: a text, or the line starts the index kept of it. */
export type TextPositions = TextWithPositions | LineStarts;

/** The open document of a file (URI string), if any. */
export function openDocument(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === file);
}

export function positionAt(at: TextPositions, offset: number): vscode.Position {
  if (at instanceof LineStarts) {
    const p = at.position(offset);
    return new vscode.Position(p.line, p.column);
  }
  return at.positionAt(offset);
}

/** The range of `r` in a text; without one (a file that could not be read) its start, 1:1. */
export function rangeAt(at: TextPositions | null | undefined, r: OffsetRange): vscode.Range {
  if (!at) return new vscode.Range(0, 0, 0, 0);
  return new vscode.Range(positionAt(at, r.start), positionAt(at, r.end));
}

/** The text the positions are of. */
export function textOf(at: TextWithPositions): string {
  return at instanceof LineIndex ? at.text : at.getText();
}

/**
 * A file's positions: its open document, else its text on disk (at most `maxBytes`); undefined
 * when it cannot be read (gone, too large).
 */
export async function filePositions(
  file: string,
  maxBytes: number,
  options: { stripBom?: boolean } = {},
): Promise<TextWithPositions | undefined> {
  const open = openDocument(file);
  if (open) return open;
  try {
    let text = new TextDecoder().decode(await readUriBounded(vscode.Uri.parse(file), maxBytes));
    if (options.stripBom && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // offsets are BOM-less, like documents
    return new LineIndex(text);
  } catch {
    return undefined;
  }
}

/** `filePositions` for many files, each read at most once (one publication, one search). */
export class PositionsCache {
  private readonly cache = new Map<string, TextWithPositions | null>();

  /** `maxBytes`: the index's size limit; a larger file is not read (its ranges sit at 1:1). */
  constructor(
    private readonly maxBytes: number,
    private readonly options: { stripBom?: boolean } = {},
  ) {}

  async of(file: string): Promise<TextWithPositions | null> {
    if (this.cache.has(file)) return this.cache.get(file)!;
    const found = (await filePositions(file, this.maxBytes, this.options)) ?? null;
    this.cache.set(file, found);
    return found;
  }

  /** The BOM-less text the positions are of (the open document's, else the file's on disk). */
  async text(file: string): Promise<string | undefined> {
    const at = await this.of(file);
    return at ? textOf(at) : undefined;
  }
}

/** Puts the cursor at an offset of the editor's text; `reveal` scrolls to it when it is out of view. */
export function placeCursor(editor: vscode.TextEditor, offset: number, reveal: boolean): void {
  const pos = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(pos, pos);
  if (reveal) editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
