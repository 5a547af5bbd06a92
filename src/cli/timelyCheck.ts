// `reqdesk validate --as-of DATE`: today's rules (late tasks, the 24-hour feedback rule, overdue
// promises, customers overdue for contact) for CI.
// They are opt-in on the command line because they change with the date: a check that passes on
// a commit should not start failing a week later without a `--as-of`.
import type { RequirementIndex } from '../core/index';
import type { Problem } from '../core/problems';
import { isValidIsoDate } from '../core/schedule';
import { timelyFindings, timelyProblems } from '../core/timely';
import { contactOverdueProblems } from '../core/contactCadence';
import { compareProblems } from '../core/problems';

/** `today` (the local date of the clock the CLI was given) or a YYYY-MM-DD date; undefined if neither. */
export function asOfDate(value: string, now: Date): string | undefined {
  if (value === 'today')
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return isValidIsoDate(value) ? value : undefined;
}

/** Today's problems of the files, read from their text only where the record has some. */
export function timelyProblemsFor(
  index: RequirementIndex,
  files: readonly string[],
  asOf: string,
  textOf: (file: string) => string | undefined,
): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const file of files) {
    const record = index.get(file);
    if (!record || record.skipped) continue;
    const timely = timelyFindings(record.data, asOf, index.timelyOfData).length > 0;
    // Customers overdue for contact as of the date: cross-file, from the index's customers.
    const overdue = index.overdueContacts(file, asOf);
    if (!timely && overdue.length === 0) continue;
    const text = textOf(file);
    if (text === undefined) continue;
    const problems = [...(timely ? timelyProblems(text, asOf, index.timelyOfText) : []), ...contactOverdueProblems(text, overdue)];
    if (problems.length) out.set(file, problems.sort(compareProblems));
  }
  return out;
}
