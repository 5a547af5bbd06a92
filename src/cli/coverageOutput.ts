// The formats of `reqdesk trace --coverage`: a terminal table, Markdown, CSV and JSON of the
// coverage, the gaps alone (`--gaps`) in each of them, and SARIF 2.1.0 of the gaps for code scanning.
import type { CodeRef } from '../core/codeRefs';
import type { Coverage, CoverageGap, RequirementCoverage } from '../core/coverage';
import { markdownCell } from '../core/csv';
import { localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { jsonForTerminal, printable } from '../core/terminalText';
import { toCsv } from './csvOut';
import { table } from './terminalTable';
import { fileUri } from './validateOutput';

/** Where a requirement's record names its ID (1-based), for SARIF; line 1 when unknown. */
export type RecordPlace = (file: string) => { line: number; column: number; endColumn: number } | undefined;

export interface CoverageReport {
  coverage: Coverage;
  /** `ripgrep` or `node`: how the files were searched. */
  search: string;
  lang: Language;
}

const place = (r: CodeRef) => `${r.file}:${r.line}:${r.column}`;

/** One gap as a sentence in the user's language. */
export function gapText(gap: CoverageGap, lang: Language): string {
  if (gap.kind === 'untested') return localize(lang, '{0} is {1} but no test mentions it', gap.id, gap.status);
  return localize(lang, '{0}: {1} is mentioned, but no requirement has it', place(gap.ref), gap.id);
}

function noGaps(lang: Language): string {
  return localize(lang, 'No gaps: every delivered or verified requirement has a test, and every ID in code and tests is known.');
}

function unknownHeading(lang: Language): string {
  return localize(lang, 'Mentions of IDs no requirement has:');
}

const refJson = (r: CodeRef) => ({
  file: r.file,
  line: r.line,
  column: r.column,
  ...(r.written !== undefined ? { written: r.written } : {}),
});

function requirementJson(r: RequirementCoverage) {
  return {
    id: r.id,
    ...(r.status !== undefined ? { status: r.status } : {}),
    file: r.file,
    commits: r.commits.map((c) => ({ hash: c.hash, ...(c.verb !== undefined ? { verb: c.verb } : {}), date: c.date, subject: c.subject })),
    code: r.code.map(refJson),
    tests: r.tests.map(refJson),
  };
}

function gapJson(gap: CoverageGap, lang: Language) {
  const detail = gapText(gap, lang);
  if (gap.kind === 'untested') return { kind: gap.kind, id: gap.id, status: gap.status, file: gap.file, detail };
  return { kind: gap.kind, id: gap.id, ...refJson(gap.ref), refKind: gap.ref.kind, detail };
}

/**
 * The JSON document: `version` changes only when a field changes meaning or disappears. Lines and
 * columns are 1-based, columns in UTF-16 code units.
 */
export function coverageJson({ coverage, search, lang }: CoverageReport): string {
  return jsonForTerminal({
    version: 1,
    search,
    requirements: coverage.requirements.map(requirementJson),
    unknown: coverage.unknown.map((r) => ({ id: r.id, kind: r.kind, ...refJson(r) })),
    gaps: coverage.gaps.map((g) => gapJson(g, lang)),
  });
}

const CSV_COLUMNS = ['id', 'known', 'status', 'kind', 'file', 'line', 'column', 'commit'];

/** One row per link (a commit, a mention in code, in a test); a requirement without any has one row with an empty kind. */
export function coverageCsv({ coverage }: CoverageReport): string {
  const rows: Array<Record<string, string>> = [];
  for (const r of coverage.requirements) {
    const base = { id: r.id, known: 'true', status: r.status ?? '' };
    const before = rows.length;
    for (const c of r.commits) rows.push({ ...base, kind: 'commit', commit: c.hash });
    for (const m of [...r.code, ...r.tests])
      rows.push({ ...base, kind: m.kind, file: m.file, line: String(m.line), column: String(m.column) });
    if (rows.length === before) rows.push({ ...base, kind: '' });
  }
  for (const m of coverage.unknown)
    rows.push({ id: m.id, known: 'false', status: '', kind: m.kind, file: m.file, line: String(m.line), column: String(m.column) });
  return toCsv(rows, CSV_COLUMNS);
}

function headers(lang: Language): Record<string, string> {
  return {
    id: localize(lang, { message: 'ID', comment: 'column header' }),
    status: localize(lang, { message: 'STATUS', comment: 'column header' }),
    commits: localize(lang, { message: 'COMMITS', comment: 'column header' }),
    code: localize(lang, { message: 'CODE', comment: 'column header' }),
    tests: localize(lang, { message: 'TESTS', comment: 'column header' }),
    gap: localize(lang, { message: 'GAP', comment: 'column header' }),
  };
}

/** The terminal table: one line per requirement with its counts, then the mentions of unknown IDs. */
export function coverageTable({ coverage, lang }: CoverageReport): string {
  const untested = new Set(coverage.gaps.filter((g) => g.kind === 'untested').map((g) => g.id));
  const rows = coverage.requirements.map((r) => ({
    id: printable(r.id),
    status: printable(r.status ?? ''),
    commits: String(r.commits.length),
    code: String(r.code.length),
    tests: String(r.tests.length),
    gap: untested.has(r.id) ? localize(lang, 'no test') : '',
  }));
  const out = [table(rows, ['id', 'status', 'commits', 'code', 'tests', 'gap'], headers(lang))];
  if (coverage.unknown.length > 0) {
    out.push('', unknownHeading(lang));
    for (const m of coverage.unknown) out.push(`  ${printable(place(m))}  ${printable(m.id)}`);
  }
  return out.join('\n');
}

/** Markdown: a table of the requirements, the places of their code and tests, then the unknown IDs. */
export function coverageMarkdown({ coverage, lang }: CoverageReport): string {
  const h = headers(lang);
  const places = (refs: readonly CodeRef[]) => refs.map((m) => `${m.file}:${m.line}`).join(', ');
  const out = [`| ${[h.id, h.status, h.commits, h.code, h.tests].join(' | ')} |`, '|---|---|---|---|---|'];
  for (const r of coverage.requirements) {
    const cells = [r.id, r.status ?? '', String(r.commits.length), places(r.code), places(r.tests)].map((c) => markdownCell(c));
    out.push(`| ${cells.join(' | ')} |`);
  }
  if (coverage.unknown.length > 0) {
    out.push('', unknownHeading(lang), '');
    for (const m of coverage.unknown) out.push(`- ${markdownCell(`${place(m)} ${m.id}`)}`);
  }
  return out.join('\n');
}

/** `--gaps`: the gaps alone, in the chosen format (SARIF has its own writer). */
export function gapsOutput(format: 'table' | 'md' | 'json' | 'csv', { coverage, lang }: CoverageReport): string {
  const gaps = coverage.gaps;
  if (format === 'json') return jsonForTerminal({ version: 1, gaps: gaps.map((g) => gapJson(g, lang)) });
  if (format === 'csv')
    return toCsv(
      gaps.map((g): Record<string, string> =>
        g.kind === 'untested'
          ? { kind: g.kind, id: g.id, file: g.file }
          : { kind: g.kind, id: g.id, file: g.ref.file, line: String(g.ref.line), column: String(g.ref.column) },
      ),
      ['kind', 'id', 'file', 'line', 'column'],
    );
  if (gaps.length === 0) return noGaps(lang);
  return gaps.map((g) => (format === 'md' ? `- ${markdownCell(gapText(g, lang))}` : printable(gapText(g, lang)))).join('\n');
}

const RULES = {
  untested: { id: 'untested-requirement', name: 'UntestedRequirement' },
  'unknown-id': { id: 'unknown-requirement-id', name: 'UnknownRequirementId' },
} as const;

/**
 * SARIF 2.1.0 of the gaps: an unknown ID at its place in the code, an untested requirement at its
 * record (where the record names its ID). `error` under `--strict`, which fails on them; `warning` otherwise.
 */
export function gapsSarif({ coverage, lang }: CoverageReport, version: string, strict: boolean, recordPlace: RecordPlace): string {
  const level = strict ? 'error' : 'warning';
  const kinds = ['untested', 'unknown-id'] as const;
  const descriptions: Record<(typeof kinds)[number], string> = {
    untested: localize(lang, 'A delivered or verified requirement that no test mentions'),
    'unknown-id': localize(lang, 'A mention in code or a test of an ID no requirement has'),
  };
  const results = coverage.gaps.map((g) => {
    const region =
      g.kind === 'untested'
        ? (() => {
            const at = recordPlace(g.file);
            return at ? { startLine: at.line, startColumn: at.column, endLine: at.line, endColumn: at.endColumn } : { startLine: 1 };
          })()
        : {
            startLine: g.ref.line,
            startColumn: g.ref.column,
            endLine: g.ref.line,
            endColumn: g.ref.column + (g.ref.written ?? g.ref.id).length,
          };
    return {
      ruleId: RULES[g.kind].id,
      ruleIndex: kinds.indexOf(g.kind),
      level,
      message: { text: gapText(g, lang) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: fileUri(g.kind === 'untested' ? g.file : g.ref.file), uriBaseId: '%SRCROOT%' },
            region,
          },
        },
      ],
    };
  });
  return jsonForTerminal({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ReqDesk',
            version,
            rules: kinds.map((k) => ({
              id: RULES[k].id,
              name: RULES[k].name,
              shortDescription: { text: descriptions[k] },
              defaultConfiguration: { level },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results,
      },
    ],
  });
}
