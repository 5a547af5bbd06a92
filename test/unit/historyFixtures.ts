// Requirement files written line by line, shared by the history model's tests and `reqdesk history`
// on real repositories: both follow the same requirement through its versions.

/** A requirement file with these front-matter lines and a body. */
export function requirementFile(lines: string[], body = '## Background\n\nThe customer asked for it.\n'): string {
  return `---\n${lines.join('\n')}\n---\n\n${body}`;
}

/** The front matter of the requirement whose history the tests follow. */
export const CSV_EXPORT = [
  'id: REQ-2026-001',
  'title: Export readings as CSV',
  'type: functional',
  'status: new',
  'scores:',
  '  importance: 3',
  '  urgency: 2',
];
