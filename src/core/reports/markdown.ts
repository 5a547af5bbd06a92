// A report document as Markdown: the title with the period, the lead lines, then each section
// with its text, notes (block quotes), lists and tables. Charts are the webview's: in Markdown the
// table above each chart carries the same figures. Titles and names in it come from the
// repository: each paragraph, item and cell stays one line of visible text (see terminalText).
import { markdownCell } from '../csv';
import { printable } from '../terminalText';
import type { ReportBlock, ReportDocument } from './document';

const cell = (text: string) => markdownCell(text);

function block(b: ReportBlock): string | undefined {
  switch (b.kind) {
    case 'text':
      return printable(b.text);
    case 'note':
      return `> ${printable(b.text)}`;
    case 'list':
      return b.items.map((item) => `- ${printable(item)}`).join('\n');
    case 'table': {
      const lines = [`| ${b.columns.map(cell).join(' | ')} |`, `|${b.numeric.map((n) => (n ? '---:' : '---')).join('|')}|`];
      for (const row of b.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
      return lines.join('\n');
    }
    case 'chart':
      return undefined;
  }
}

export function reportMarkdown(doc: ReportDocument): string {
  const parts = [`# ${printable(doc.title)}`, ...doc.lead.map(printable)];
  for (const section of doc.sections) {
    parts.push(`## ${printable(section.heading)}`);
    for (const b of section.blocks) {
      const text = block(b);
      if (text !== undefined) parts.push(text);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
