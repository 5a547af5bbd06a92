// The `reqdesk` command line: the same core as the extension, for CI and scripts. This file reads
// the command and the global options (help, version, language) and turns what a command throws
// into an exit code; each command lives in its own file, on the helpers of cliContext.
import { localizable, localize, localizeLater, type Localizable } from '../core/l10n';
import type { Language } from '../core/messages';
import { printable, terminalSafe } from '../core/terminalText';
import { WriteRefusedError } from '../files/safeFiles';
import { adoptCommand } from './adoptCommand';
import { CLI_VERSION, languageFrom, UsageError, type CliIO } from './cliContext';
import { customerCommand } from './customerCommand';
import { diffCommand } from './diffCommand';
import { customersCommand } from './customersCommand';
import { exportCommand } from './exportCommand';
import { history } from './historyCommand';
import { importCommand } from './importCommand';
import { listCommand } from './listCommand';
import { mergeCommand } from './mergeCommand';
import { nextIdCommand } from './nextIdCommand';
import { report } from './reportCommand';
import { schemaCommand } from './schemaCommand';
import { setCommand } from './setCommand';
import { trace } from './traceCommand';
import { validateCommand } from './validateCommand';

/** The help, block by block: each block is one message of the catalog. */
function usage(lang: Language): string {
  return [
    localize(lang, 'reqdesk — customer requirements next to code'),
    localize(
      lang,
      `Usage:
  reqdesk validate [paths…] [--format text|json|sarif] [--max-warnings N] [--branches [--git PATH]] [--as-of YYYY-MM-DD|today] [--allow-empty]
                  (--branches: also warn when another branch gives an ID to a different file;
                   --as-of: also late tasks and low feedback without an adjustment within 24 hours;
                   --allow-empty: no file to check is fine, where a workspace is expected to be empty)
  reqdesk list [--priority P1|P2|P3|none] [--type T] [--category CAT] [--status S] (values or their Chinese aliases) [--owner O] [--customer C] [--format table|json|csv] [--sort rank|id]
  reqdesk next-id [--prefix P] [--year YYYY] [--no-branches] [--git PATH]
                  (IDs on every local and remote branch count as taken; --no-branches: this folder only)
  reqdesk set <ID> key=value [key=value…]   (key= removes the key; e.g. scores.urgency=5 tasks[0].status=done)
  reqdesk trace [--format table|json|csv|md] [--gaps [--strict]] [--git PATH] [--no-cache]
                  (the commit cache is kept in the user's cache folder; --gaps --strict reads none)
  reqdesk history <ID> [--format table|json|md] [--git PATH]
  reqdesk report <implementation|process|satisfaction|weekly> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                  [--period this-quarter|last-quarter|this-year|last-year] [--format md|json] [--out FILE] [--git PATH] [--no-git]
                  (the guide's periodic evaluations; default period: this quarter; git history dates deliveries and statuses)
                  [--week this|last|next|YYYY-Www]   (weekly: tasks done, started and late, promises due, per requirement
                   and per owner, and next week's plan; default: this week, Monday to Sunday; git history dates the tasks done)
  reqdesk schema [--out FILE] [--root DIR]
  reqdesk import <file.csv|file.xlsx> [--encoding auto|utf8|gbk] [--dry-run] [--skip-invalid] [--folder DIR] [--prefix P]
                  (the record table 模板1 → one file per row; nothing is written while a row is refused)
  reqdesk export <records|plan> [--format csv|xlsx|md] [--out FILE]
  reqdesk customers [--format table|json] [--git PATH] [--no-git]
                  (each customer: tier, open requirements, last contact, promises kept, late, pending and overdue)
  reqdesk customer <name> [--update] [--since YYYY-MM-DD] [--format md|json] [--out FILE] [--git PATH] [--no-git]
                  (the promise ledger; --update: the update to send them, since the last contact or --since,
                   in their language unless --lang is given; git history dates deliveries and lists commits)`,
    ) +
      '\n' +
      localize(
        lang,
        `  reqdesk merge <duplicate-ID> --into <ID> [--dry-run]
                  (folds a duplicate request into a requirement: its customers become requesters, its ID a merged ID, its file is deleted)`,
      ) +
      '\n' +
      localize(
        lang,
        `  reqdesk diff <rev-a> [<rev-b>] [--format md|json] [--include GLOB…] [--out FILE] [--git PATH]
                  (requirements added, removed and changed between two revisions or tags: fields and the four sections;
                   without <rev-b>, up to the working tree, uncommitted edits included; --include: instead of reqdesk.include)`,
      ) +
      '\n' +
      localize(
        lang,
        `  reqdesk trace --coverage [--format table|json|csv|md|sarif] [--gaps [--strict]] [--ripgrep PATH | --no-ripgrep] [--git PATH] [--no-cache]
                  (requirement → commits, code and tests: IDs mentioned in the workspace's files, tests by reqdesk.trace.testFiles;
                   --gaps: delivered or verified requirements no test mentions, and mentions of IDs no requirement has)`,
      ) +
      '\n' +
      localize(
        lang,
        `  reqdesk adopt <folder> [--dry-run] [--force]
                  (a team's existing records: prints a draft .reqdesk/schema.yaml inferred from their keys and values, and the
                   settings they need; without --dry-run writes both, the settings merged into .vscode/settings.json)`,
      ),
    localize(
      lang,
      `Common options:
  --root DIR      workspace folder (default: the current folder); its .vscode/settings.json is read
  --lang en|zh-CN language of messages (default: from LANG / LC_ALL)
  -h, --help      this help;  -v, --version   the version`,
    ),
    localize(lang, 'Exit codes: 0 fine, 1 problems (errors, more warnings than --max-warnings, or no file to check), 2 wrong usage.'),
  ].join('\n\n');
}

/** Node's own argument-parsing errors of a usual shape, as messages of the catalog. */
function parseArgsText(error: Error & { code?: string }): Localizable | undefined {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return localizable('unknown option {0}', option);
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return localizable('option {0} has an invalid or missing value', option);
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return localizable('unexpected argument: {0}', /'([^']*)'/.exec(error.message)?.[1] ?? '');
  return undefined;
}

function parseArgsMessage(error: Error & { code?: string }, lang: Language): string {
  const text = parseArgsText(error);
  // Node's own English says more than the catalog's short form (how to pass a value that starts
  // with '-', for one): in English it is shown as Node wrote it.
  return text && lang !== 'en' ? localizeLater(lang, text) : error.message;
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
        return await validateCommand(rest, io, today);
      case 'list':
        return await listCommand(rest, io);
      case 'next-id':
        return await nextIdCommand(rest, io, today);
      case 'trace':
        return await trace(rest, io);
      case 'history':
        return await history(rest, io);
      case 'diff':
        return await diffCommand(rest, io);
      case 'set':
        return await setCommand(rest, io);
      case 'merge':
        return await mergeCommand(rest, io);
      case 'report':
        return await report(rest, io, today);
      case 'schema':
        return schemaCommand(rest, io);
      case 'import':
        return await importCommand(rest, io, today);
      case 'export':
        return await exportCommand(rest, io);
      case 'customers':
        return await customersCommand(rest, io, today);
      case 'customer':
        return await customerCommand(rest, io, today);
      case 'adopt':
        return await adoptCommand(rest, io);
      case '-v':
      case '--version':
        io.out(CLI_VERSION);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(usage(lang));
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(localizable('unknown command "{0}"', command));
    }
  } catch (error) {
    if (error instanceof WriteRefusedError) {
      io.err(`reqdesk: ${error.text(lang)}`);
      io.err(localize(lang, 'Nothing was written.'));
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const message = error instanceof UsageError ? error.inLanguage(lang) : parseArgsMessage(error as Error, lang);
      io.err(`reqdesk: ${printable(message)}\n\n${usage(lang)}`);
      return 2;
    }
    io.err(`reqdesk: ${printable(error instanceof Error ? error.message : String(error))}`);
    return 2;
  }
}

if (require.main === module) {
  const io: CliIO = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    cwd: process.cwd(),
    env: process.env,
  };
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
