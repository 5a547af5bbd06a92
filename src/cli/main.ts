// The `reqdesk` command line: the same core as the extension, for CI and scripts.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { nextIdAcrossBranches } from '../core/branchIds';
import { compileIdGrammar } from '../core/ids';
import { RequirementIndex, type RecordQuery, type RequirementRecord } from '../core/index';
import { localizeLater } from '../core/l10n';
import { compareProblems } from '../core/problems';
import { normalizeLanguage, type Language } from '../core/messages';
import { requirementJsonSchema, type Priority, type RequirementType, type Status, REQUIREMENT_TYPES, STATUSES } from '../core/schema';
import type { SettingsWarning } from '../core/settings';
import { jsonForTerminal, printable, terminalSafe } from '../core/terminalText';
import { WriteRefusedError, writeFileSafely } from '../files/safeFiles';
import { NodeFileSource } from './nodeFileSource';
import { formatJson, formatSarif, formatText, locate, summarize } from './report';
import { readWorkspaceSettings } from './settingsFile';
import { toCsv } from './csvOut';
import { trace } from './traceCommand';
import { history } from './historyCommand';
import { report } from './reportCommand';
import { setCommand } from './setCommand';
import { branchIdsForNextId, crossBranchProblemsFor } from './branchCheck';
import { importCommand } from './importCommand';
import { exportCommand } from './exportCommand';
import { asOfDate, timelyProblemsFor } from './timelyCheck';

declare const REQDESK_VERSION: string | undefined;
const VERSION = typeof REQDESK_VERSION === 'string' ? REQDESK_VERSION : '0.0.0-dev';

const USAGE = {
  en: `reqdesk — customer requirements next to code

Usage:
  reqdesk validate [paths…] [--format text|json|sarif] [--max-warnings N] [--branches [--git PATH]] [--as-of YYYY-MM-DD|today]
                  (--branches: also warn when another branch gives an ID to a different file;
                   --as-of: also late tasks and low feedback without an adjustment within 24 hours)
  reqdesk list [--priority P1|P2|P3|none] [--type T] [--status S] [--owner O] [--customer C] [--format table|json|csv]
  reqdesk next-id [--prefix P] [--year YYYY] [--no-branches] [--git PATH]
                  (IDs on every local and remote branch count as taken; --no-branches: this folder only)
  reqdesk set <ID> key=value [key=value…]   (key= removes the key; e.g. scores.urgency=5 tasks[0].status=done)
  reqdesk trace [--format table|json|csv|md] [--gaps [--strict]] [--git PATH] [--no-cache]
                  (the commit cache is kept in the user's cache folder; --gaps --strict reads none)
  reqdesk history <ID> [--format table|json|md] [--git PATH]
  reqdesk report <implementation|process|satisfaction> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                  [--period this-quarter|last-quarter|this-year|last-year] [--format md|json] [--out FILE] [--git PATH] [--no-git]
                  (the guide's periodic evaluations; default period: this quarter; git history dates deliveries and statuses)
  reqdesk schema [--out FILE]
  reqdesk import <file.csv> [--encoding auto|utf8|gbk] [--dry-run] [--skip-invalid] [--folder DIR] [--prefix P]
                  (the record table 模板1 → one file per row; nothing is written while a row is refused)
  reqdesk export <records|plan> [--format csv|md] [--out FILE]

Common options:
  --root DIR      workspace folder (default: the current folder); its .vscode/settings.json is read
  --lang en|zh-CN language of messages (default: from LANG / LC_ALL)
  -h, --help      this help;  -v, --version   the version

Exit codes: 0 fine, 1 problems (errors, or more warnings than --max-warnings), 2 wrong usage.`,
  'zh-cn': `reqdesk —— 与代码放在一起的客户需求管理

用法：
  reqdesk validate [路径…] [--format text|json|sarif] [--max-warnings N] [--branches [--git 路径]] [--as-of YYYY-MM-DD|today]
                  （--branches：其他分支上的不同文件使用相同编号时也给出警告；
                   --as-of：同时检查延期任务，以及反馈未达预期却未在 24 小时内启动调整）
  reqdesk list [--priority P1|P2|P3|none] [--type 类型] [--status 状态] [--owner 负责人] [--customer 客户] [--format table|json|csv]
  reqdesk next-id [--prefix 前缀] [--year 年份] [--no-branches] [--git 路径]
                  （所有本地和远程分支上的编号都算作已占用；--no-branches：只统计本目录）
  reqdesk set <编号> 字段=值 [字段=值…]   （字段= 表示删除该字段；如 scores.urgency=5 tasks[0].status=done）
  reqdesk trace [--format table|json|csv|md] [--gaps [--strict]] [--git 路径] [--no-cache]
                  （提交缓存保存在用户的缓存目录中；--gaps --strict 不读取任何缓存）
  reqdesk history <编号> [--format table|json|md] [--git 路径]
  reqdesk report <implementation|process|satisfaction> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                  [--period this-quarter|last-quarter|this-year|last-year] [--format md|json] [--out 文件] [--git 路径] [--no-git]
                  （指南中的定期评估报告；默认统计期为本季度；交付日期和状态停留时间取自 git 历史）
  reqdesk schema [--out 文件]
  reqdesk import <文件.csv> [--encoding auto|utf8|gbk] [--dry-run] [--skip-invalid] [--folder 目录] [--prefix 前缀]
                  （客户需求记录表 → 每行一个需求文件；有行被拒绝时不写入任何文件）
  reqdesk export <records|plan> [--format csv|md] [--out 文件]

通用选项：
  --root 目录      工作区目录（默认当前目录），读取其中的 .vscode/settings.json
  --lang en|zh-CN  消息语言（默认取自 LANG / LC_ALL）
  -h, --help       显示帮助；  -v, --version   显示版本

退出码：0 正常，1 有问题（存在错误，或警告数超过 --max-warnings），2 用法错误。`,
};

const SUMMARY = {
  en: (s: { files: number; errors: number; warnings: number }) => `${s.files} files checked: ${s.errors} errors, ${s.warnings} warnings`,
  'zh-cn': (s: { files: number; errors: number; warnings: number }) => `已检查 ${s.files} 个文件：${s.errors} 个错误，${s.warnings} 个警告`,
};

/** Wrong usage: exit code 2 and the usage text. Says it in both languages, like the rest of the CLI. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

/** Node's own argument-parsing errors, in the user's language where they have a usual shape. */
function parseArgsMessage(error: Error & { code?: string }, lang: Language): string {
  if (lang !== 'zh-cn') return error.message;
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `未知选项 ${option}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `选项 ${option} 的取值无效或缺失`;
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `多余的参数：${/'([^']*)'/.exec(error.message)?.[1] ?? ''}`;
  return error.message;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
}

export function languageFrom(flag: string | undefined, env: CliIO['env']): Language {
  return normalizeLanguage(flag ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of: ${allowed.join(', ')} (got "${value}")`, `${flag} 只能取以下值之一：${allowed.join(', ')}（实际为 "${value}"）`);
  return value as T;
}

/** `lang` is the language of the settings warnings (default: from the environment). */
export async function loadIndex(root: string, paths: readonly string[], io: CliIO, lang: Language = languageFrom(undefined, io.env)) {
  const warnings: SettingsWarning[] = [];
  const settings = readWorkspaceSettings(root, warnings);
  for (const w of warnings) io.err(`reqdesk: ${printable(localizeLater(lang, w.text))}`);
  const grammar = compileIdGrammar(settings.idPrefixes, settings.idFormat);
  const index = new RequirementIndex(settings, grammar);
  // The files asked for (default: the whole workspace) are indexed together, so cross-file rules
  // such as duplicate IDs see all of them, as a linter sees the files it is given.
  const source = new NodeFileSource({ root, include: settings.include, exclude: settings.exclude, paths });
  await index.build(source);
  const selected = index.all().map((r) => r.file);
  return { index, source, settings, grammar, selected: selected.sort() };
}

async function validate(args: string[], io: CliIO, now: Date): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'max-warnings': { type: 'string' },
      branches: { type: 'boolean', default: false },
      git: { type: 'string', default: 'git' },
      'as-of': { type: 'string' },
      root: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const format = oneOf(values.format, ['text', 'json', 'sarif'] as const, '--format')!;
  const asOf = values['as-of'] === undefined ? undefined : asOfDate(values['as-of'], now);
  if (values['as-of'] !== undefined && !asOf) throw new UsageError('--as-of takes a date YYYY-MM-DD or "today"', '--as-of 需要 YYYY-MM-DD 格式的日期或 "today"');
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) throw new UsageError('--max-warnings takes a whole number, 0 or more', '--max-warnings 需要一个大于或等于 0 的整数');
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings, selected } = await loadIndex(root, positionals, io, lang);
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => {
    if (!texts.has(file)) {
      // Bounded like the index's read: a file over the limit is reported, not read again whole.
      let text = source.readText(file, settings.maxFileBytes);
      if (text?.charCodeAt(0) === 0xfeff) text = text.slice(1);
      texts.set(file, text);
    }
    return texts.get(file);
  };
  const onBranches = values.branches ? await crossBranchProblemsFor(values.git!, root, index, lang, io.err) : undefined;
  const timely = asOf ? timelyProblemsFor(index, selected, asOf, textOf) : undefined;
  const files = selected.map((file) => {
    const problems = index.problemsFor(file).filter((p) => p.severity !== 'hint');
    const elsewhere = [...(onBranches?.get(file) ?? []), ...(timely?.get(file) ?? [])];
    return { file, problems: elsewhere.length ? [...problems, ...elsewhere].sort(compareProblems) : problems };
  });
  // Only files with problems are read again for line numbers.
  const located = locate(files.filter((f) => f.problems.length > 0), lang, textOf);
  const summary = summarize(located, selected.length);
  if (format === 'text') {
    if (located.length) io.out(formatText(located));
    io.err(SUMMARY[lang](summary));
  } else if (format === 'json') io.out(formatJson(located, summary));
  else io.out(formatSarif(located, VERSION, lang));
  const tooManyWarnings = maxWarnings !== undefined && summary.warnings > maxWarnings;
  return summary.errors > 0 || tooManyWarnings ? 1 : 0;
}

function listRow(r: RequirementRecord) {
  const tasks = r.data.tasks ?? [];
  return {
    id: r.id ?? '',
    priority: r.priority ?? '',
    type: r.data.type ?? '',
    status: r.data.status ?? '',
    title: r.title ?? '',
    customer: r.data.customer?.name ?? '',
    owner: r.data.owner ?? '',
    tasks: tasks.length ? `${tasks.filter((t) => t.status === 'done').length}/${tasks.length}` : '',
    file: r.file,
  };
}

/** Display width: CJK characters take two columns in a terminal. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Column headers of `list`'s table; the JSON and CSV keys stay English (they are a format). */
const LIST_HEADERS: Record<Language, Record<string, string>> = {
  en: { id: 'ID', priority: 'PRIORITY', type: 'TYPE', status: 'STATUS', title: 'TITLE', customer: 'CUSTOMER', tasks: 'TASKS' },
  'zh-cn': { id: '编号', priority: '优先级', type: '类型', status: '状态', title: '标题', customer: '客户', tasks: '任务' },
};

function table(rows: Array<Record<string, string>>, columns: string[], headers: Record<string, string> = {}): string {
  const head = columns.map((c) => headers[c] ?? c.toUpperCase());
  const widths = columns.map((c, i) => Math.max(width(head[i]!), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, i) => cell + ' '.repeat(Math.max(0, widths[i]! - width(cell)))).join('  ').trimEnd();
  return [line(head), ...rows.map((r) => line(columns.map((c) => r[c] ?? '')))].join('\n');
}

const PRIORITY_ORDER: Record<string, number> = { P1: 0, P2: 1, P3: 2, '': 3 };

async function list(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      priority: { type: 'string' },
      type: { type: 'string' },
      status: { type: 'string' },
      owner: { type: 'string' },
      customer: { type: 'string' },
      format: { type: 'string', default: 'table' },
      root: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const format = oneOf(values.format, ['table', 'json', 'csv'] as const, '--format')!;
  const query: RecordQuery = {};
  const priority = oneOf(values.priority, ['P1', 'P2', 'P3', 'none'] as const, '--priority');
  if (priority) query.priority = priority as Priority | 'none';
  const type = oneOf(values.type, Object.keys(REQUIREMENT_TYPES) as RequirementType[], '--type');
  if (type) query.type = type;
  const status = oneOf(values.status, Object.keys(STATUSES) as Status[], '--status');
  if (status) query.status = status;
  if (values.owner) query.owner = values.owner;
  if (values.customer) query.customer = values.customer;
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index } = await loadIndex(root, [], io, languageFrom(values.lang, io.env));
  const rows = index
    .query(query)
    .map(listRow)
    .sort((a, b) => PRIORITY_ORDER[a.priority]! - PRIORITY_ORDER[b.priority]! || a.id.localeCompare(b.id) || a.file.localeCompare(b.file));
  if (format === 'json') io.out(jsonForTerminal(rows));
  else if (format === 'csv') io.out(toCsv(rows, ['id', 'priority', 'type', 'status', 'title', 'customer', 'owner', 'tasks', 'file']));
  else {
    // One line per record, whatever its values hold (line breaks, escape sequences, bidi controls).
    const shown = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, printable(v)])) as Record<string, string>);
    io.out(table(shown, ['id', 'priority', 'type', 'status', 'title', 'customer', 'tasks'], LIST_HEADERS[languageFrom(values.lang, io.env)]));
  }
  return 0;
}

async function nextIdCommand(args: string[], io: CliIO, today: Date): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      prefix: { type: 'string' },
      year: { type: 'string' },
      'no-branches': { type: 'boolean', default: false },
      git: { type: 'string', default: 'git' },
      root: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, settings, grammar } = await loadIndex(root, [], io, languageFrom(values.lang, io.env));
  const prefix = values.prefix ?? settings.idPrefixes[0]!;
  if (!settings.idPrefixes.includes(prefix)) throw new UsageError(`--prefix must be one of the configured prefixes: ${settings.idPrefixes.join(', ')}`, `--prefix 必须是已配置的前缀之一：${settings.idPrefixes.join(', ')}`);
  const year = values.year === undefined ? today.getFullYear() : Number(values.year);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new UsageError('--year takes a four-digit year', '--year 需要四位数的年份');
  // Another branch may already have taken the next number: its IDs count as taken too.
  const onBranches = values['no-branches'] ? undefined : await branchIdsForNextId(values.git!, root, settings, grammar, languageFrom(values.lang, io.env), io.err);
  io.out(printable(nextIdAcrossBranches(grammar, index.takenIds().keys(), onBranches, grammar.hasYear ? { prefix, year } : { prefix })));
  return 0;
}

function schemaCommand(args: string[], io: CliIO): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const json = `${JSON.stringify(requirementJsonSchema(), null, 2)}\n`;
  // The path was typed by the user: anywhere is their choice, but never through a link.
  if (values.out) writeFileSafely(path.resolve(io.cwd, values.out), json, { root: io.cwd, origin: 'user' });
  else io.out(json.trimEnd());
  return 0;
}

/** Runs one command line; returns the exit code. `today` is the one clock read, made by the caller. */
export async function runCli(argv: string[], caller: CliIO, today = new Date()): Promise<number> {
  // Every line leaves through terminalSafe: whatever a command forgot to make printable, no raw
  // escape sequence, bidi control or workflow command reaches the terminal or the CI log.
  const io: CliIO = { ...caller, out: (text) => caller.out(terminalSafe(text)), err: (text) => caller.err(terminalSafe(text)) };
  const [command, ...rest] = argv;
  const langFlag = rest.indexOf('--lang') >= 0 ? rest[rest.indexOf('--lang') + 1] : undefined;
  const lang = languageFrom(langFlag, io.env);
  try {
    switch (command) {
      case 'validate':
        return await validate(rest, io, today);
      case 'list':
        return await list(rest, io);
      case 'next-id':
        return await nextIdCommand(rest, io, today);
      case 'trace':
        return await trace(rest, io);
      case 'history':
        return await history(rest, io);
      case 'set':
        return await setCommand(rest, io);
      case 'report':
        return await report(rest, io, today);
      case 'schema':
        return schemaCommand(rest, io);
      case 'import':
        return await importCommand(rest, io, today);
      case 'export':
        return await exportCommand(rest, io);
      case '-v':
      case '--version':
        io.out(VERSION);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE[lang]);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`, `未知命令 "${command}"`);
    }
  } catch (error) {
    if (error instanceof WriteRefusedError) {
      io.err(`reqdesk: ${error.text(lang)}`);
      io.err(lang === 'zh-cn' ? '未写入任何文件。' : 'Nothing was written.');
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const message = error instanceof UsageError ? (lang === 'zh-cn' ? error.messageZh : error.message) : parseArgsMessage(error as Error, lang);
      io.err(`reqdesk: ${printable(message)}\n\n${USAGE[lang]}`);
      return 2;
    }
    io.err(`reqdesk: ${printable(error instanceof Error ? error.message : String(error))}`);
    return 2;
  }
}

if (require.main === module) {
  const io: CliIO = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`), cwd: process.cwd(), env: process.env };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`reqdesk: ${printable(String(error))}\n`);
      process.exitCode = 2;
    },
  );
}
