// A report document as Markdown: the title with the period, the lead lines, then each section
// with its text, notes (block quotes), lists and tables. Charts are the webview's: in Markdown the
// table above each chart carries the same figures.
import type { ReportBlock, ReportDocument } from './document';

/** Text that Markdown would read as markup or that would break a table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function block(b: ReportBlock): string | undefined {
  switch (b.kind) {
    case 'text':
      return b.text;
    case 'note':
      return `> ${b.text.replace(/\r?\n/g, ' ')}`;
    case 'list':
      return b.items.map((item) => `- ${item.replace(/\r?\n/g, ' ')}`).join('\n');
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
  const parts = [`# ${doc.title}`, ...doc.lead];
  for (const section of doc.sections) {
    parts.push(`## ${section.heading}`);
    for (const b of section.blocks) {
      const text = block(b);
      if (text !== undefined) parts.push(text);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
