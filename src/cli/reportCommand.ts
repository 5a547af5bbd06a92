// `reqdesk report <implementation|process|satisfaction>`: the guide's three periodic evaluations
// for a period, as Markdown (or the figures as JSON). In a git repository the commits and each
// record file's history are read for the figures that need them; elsewhere the report says which
// figures it could not compute.
//
// JSON output (--format json), stable within `version: 1`: { version, kind, range, today, counted,
// skipped: [{ file, id?, problem?: { code, args }, unreadable? }], missing: { history?, commits? },
// figures } — the figures as core computes them (src/core/reports/figures.ts).
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { HistoryEntry } from '../core/history';
import type { Language } from '../core/messages';
import { writeFileSafely } from '../files/safeFiles';
import { reportDocument } from '../core/reports/document';
import { computeReport, REPORT_KINDS, type ReportInput, type ReportKind, type Unavailable } from '../core/reports/figures';
import { reportMarkdown } from '../core/reports/markdown';
import { jsonForTerminal, printable } from '../core/terminalText';
import { checkRange, presetRange, RANGE_PRESETS, type RangePreset, type ReportRange } from '../core/reports/range';
import { CommitScanner } from '../git/commitScanner';
import { historyOfId, repositoryPathOf } from '../git/fileHistory';
import { GitMissingError, repositoryRoot } from '../git/gitLog';
import { languageFrom, loadIndex, UsageError, type CliIO } from './main';

const TEXT = {
  en: {
    kind: `report takes one of: ${REPORT_KINDS.join(', ')}`,
    range: {
      'invalid-from': (v: string) => `--from takes a date YYYY-MM-DD (got "${v}")`,
      'invalid-to': (v: string) => `--to takes a date YYYY-MM-DD (got "${v}")`,
      inverted: (r: ReportRange) => `the period ends before it starts (${r.from} to ${r.to})`,
    },
    period: `--period takes one of: ${RANGE_PRESETS.join(', ')}`,
    skipped: (n: number) => `${n} ${n === 1 ? 'record has' : 'records have'} errors and ${n === 1 ? 'was' : 'were'} left out; the report names ${n === 1 ? 'it' : 'them'}.`,
    written: (file: string) => `Report written to ${file}`,
    outside: (files: string[]) => `${files.join(', ')}: symbolic ${files.length === 1 ? 'link' : 'links'} to files outside the repository; ${files.length === 1 ? 'its' : 'their'} git history is not read.`,
  },
  'zh-cn': {
    kind: `report 需要以下之一：${REPORT_KINDS.join('、')}`,
    range: {
      'invalid-from': (v: string) => `--from 需要 YYYY-MM-DD 格式的日期（收到 "${v}"）`,
      'invalid-to': (v: string) => `--to 需要 YYYY-MM-DD 格式的日期（收到 "${v}"）`,
      inverted: (r: ReportRange) => `统计期的结束早于开始（${r.from} 至 ${r.to}）`,
    },
    period: `--period 需要以下之一：${RANGE_PRESETS.join('、')}`,
    skipped: (n: number) => `${n} 个记录有错误，未计入统计；报告中列出了这些记录。`,
    written: (file: string) => `报告已写入 ${file}`,
    outside: (files: string[]) => `${files.join('、')}：指向仓库之外文件的符号链接；不读取其 git 历史。`,
  },
} satisfies Record<Language, unknown>;

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Runs `task` over the items with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, items.length)) }, lane));
}

export async function report(args: string[], io: CliIO, now: Date): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      period: { type: 'string' },
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      git: { type: 'string', default: 'git' },
      'no-git': { type: 'boolean', default: false },
      root: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const lang = languageFrom(values.lang, io.env);
  const t = TEXT[lang];
  const kind = positionals[0] as ReportKind | undefined;
  if (positionals.length !== 1 || !REPORT_KINDS.includes(kind!)) throw new UsageError(TEXT.en.kind, TEXT['zh-cn'].kind);
  const format = values.format!;
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be one of: md, json (got "${format}")`, `--format 只能取以下值之一：md, json（实际为 "${format}"）`);
  const today = isoDay(now);
  if (values.period !== undefined && !RANGE_PRESETS.includes(values.period as RangePreset)) throw new UsageError(TEXT.en.period, TEXT['zh-cn'].period);
  const preset = presetRange((values.period as RangePreset | undefined) ?? 'this-quarter', today);
  const range: ReportRange = { from: values.from ?? preset.from, to: values.to ?? preset.to };
  const problem = checkRange(range);
  if (problem === 'invalid-from') throw new UsageError(TEXT.en.range['invalid-from'](range.from), TEXT['zh-cn'].range['invalid-from'](range.from));
  if (problem === 'invalid-to') throw new UsageError(TEXT.en.range['invalid-to'](range.to), TEXT['zh-cn'].range['invalid-to'](range.to));
  if (problem === 'inverted') throw new UsageError(TEXT.en.range.inverted(range), TEXT['zh-cn'].range.inverted(range));

  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings, grammar } = await loadIndex(root, [], io);
  const records = index.all();
  const input: ReportInput = {
    records,
    range,
    today,
    calendar: { workdays: settings.workdays, holidays: settings.holidays },
    problemsOf: (r) => index.problemsFor(r.file),
  };

  // Git, when there is one: commits for coverage (implementation), file histories for dates.
  const needsGit = kind !== 'satisfaction';
  let unavailable: Unavailable | undefined;
  let repo: string | undefined;
  if (needsGit && values['no-git']) unavailable = 'not-read';
  else if (needsGit) {
    try {
      repo = await repositoryRoot(values.git!, root);
      if (!repo) unavailable = 'no-repository';
    } catch (error) {
      if (!(error instanceof GitMissingError)) throw error;
      unavailable = 'git-missing';
    }
  }
  if (repo) {
    if (kind === 'implementation') {
      const scan = await new CommitScanner({ grammar, git: values.git! }).scan(repo);
      input.commits = (id) => scan.links.countOf(id);
    }
    const histories = new Map<string, HistoryEntry[]>();
    const files = records.filter((r) => !r.skipped).map((r) => ({ file: r.file, rel: repositoryPathOf(repo!, source.absolute(r.file)) }));
    // A record that is a link to a file outside the repository has no history here: it counts
    // with none (as in the extension), and the report goes on.
    const outside = files.filter((f) => f.rel === undefined).map((f) => f.file);
    if (outside.length) io.err(`reqdesk: ${t.outside(outside.sort())}`);
    await eachLimited(files, 4, async ({ file, rel }) => {
      if (rel !== undefined) histories.set(file, await historyOfId(values.git!, repo!, rel, { threshold: settings.priorityThreshold }));
    });
    input.histories = histories;
  } else if (unavailable) {
    input.commits = { unavailable };
    input.histories = { unavailable };
  }

  const result = computeReport(kind!, input);
  const text = format === 'json' ? `${jsonForTerminal({ version: 1, ...result })}\n` : reportMarkdown(reportDocument(result, lang));
  if (result.skipped.length > 0) io.err(`reqdesk: ${t.skipped(result.skipped.length)}`);
  if (values.out) {
    const out = path.resolve(io.cwd, values.out);
    // Typed by the user: see writeFileSafely's rules for a path inside the workspace.
    writeFileSafely(out, text, { root, origin: 'user' });
    io.err(printable(t.written(path.relative(io.cwd, out) || out)));
  } else io.out(text.trimEnd());
  return 0;
}
