// `reqdesk trace`: requirement → commits from the repository's history, every (ID, commit) pair
// including IDs no record has (marked), and `--gaps` for CI: delivered or verified requirements
// with no commit, and commits naming unknown IDs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { CommitLink } from '../core/commits';
import type { Language } from '../core/messages';
import { CommitScanner, type CommitCacheStore } from '../git/commitScanner';
import { GitMissingError, repositoryRoot } from '../git/gitLog';
import { toCsv } from './csvOut';
import { languageFrom, loadIndex, UsageError, width, type CliIO } from './main';

const TEXT = {
  en: {
    notRepo: (root: string) => `${root} is not in a git repository: there is no history to trace.`,
    shallow: 'This is a shallow clone: commits older than its history are not linked.',
    noCommit: (id: string, status: string) => `${id} is ${status} but no commit mentions it`,
    unknown: (id: string, hashes: string) => `commits mention ${id}, which no requirement has: ${hashes}`,
    noGaps: 'No gaps: every delivered or verified requirement has a commit, and every ID in the history is known.',
    mdHeader: ['ID', 'Commit', 'Verb', 'Date', 'Author', 'Subject'],
  },
  'zh-cn': {
    notRepo: (root: string) => `${root} 不在 git 仓库中：没有可追溯的历史。`,
    shallow: '这是浅克隆：早于其历史的提交无法关联。',
    noCommit: (id: string, status: string) => `${id} 状态为 ${status}，但没有提交提及它`,
    unknown: (id: string, hashes: string) => `提交提及了不存在的需求 ${id}：${hashes}`,
    noGaps: '没有缺口：每个已交付或已验证的需求都有提交，历史中的编号都已知。',
    mdHeader: ['编号', '提交', '动作', '日期', '作者', '标题'],
  },
} satisfies Record<Language, unknown>;

const FINISHED = new Set(['delivered', 'verified']);

/** The commit-link cache next to the index's: `.reqdesk-cache/commits.json` under the root. */
function fileStore(root: string): CommitCacheStore {
  const file = path.join(root, '.reqdesk-cache', 'commits.json');
  return {
    load: async () => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    save: async (data) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, data);
    },
  };
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export async function trace(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'table' },
      gaps: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      git: { type: 'string', default: 'git' },
      'no-cache': { type: 'boolean', default: false },
      root: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const format = values.format!;
  if (!['table', 'json', 'csv', 'md'].includes(format)) throw new UsageError(`--format must be one of: table, json, csv, md (got "${format}")`, `--format 只能取以下值之一：table, json, csv, md（实际为 "${format}"）`);
  const lang = languageFrom(values.lang, io.env);
  const t = TEXT[lang];
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, grammar } = await loadIndex(root, [], io, lang);

  let repo: string | undefined;
  try {
    repo = await repositoryRoot(values.git!, root);
  } catch (error) {
    if (error instanceof GitMissingError) {
      io.err(`reqdesk: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (!repo) {
    io.err(`reqdesk: ${t.notRepo(root)}`);
    return 2;
  }
  const scanner = new CommitScanner({ grammar, git: values.git!, ...(values['no-cache'] ? {} : { cache: fileStore(root) }) });
  const result = await scanner.scan(repo);
  // The cache is written after the scan resolves: finish it before the process ends.
  await scanner.flush();
  if (result.shallow) io.err(`reqdesk: ${t.shallow}`);
  const known = new Set(index.ids());
  const pairs = result.links.pairs();

  if (values.gaps) {
    const gaps: Array<{ kind: 'no-commit' | 'unknown-id'; id: string; detail: string; commits: string[] }> = [];
    for (const record of index.all().sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''))) {
      if (record.id && record.data.status && FINISHED.has(record.data.status) && result.links.commitsOf(record.id).length === 0) {
        gaps.push({ kind: 'no-commit', id: record.id, detail: t.noCommit(record.id, record.data.status), commits: [] });
      }
    }
    for (const [id, commits] of result.links.unknown(known)) {
      const hashes = commits.map((c) => c.hash.slice(0, 7));
      gaps.push({ kind: 'unknown-id', id, detail: t.unknown(id, hashes.join(', ')), commits: commits.map((c) => c.hash) });
    }
    if (format === 'json') io.out(JSON.stringify({ version: 1, gaps }, null, 2));
    else if (format === 'csv') io.out(toCsv(gaps.map((g) => ({ kind: g.kind, id: g.id, commits: g.commits.join(' ') })), ['kind', 'id', 'commits']));
    else if (gaps.length === 0) io.out(t.noGaps);
    else io.out(gaps.map((g) => (format === 'md' ? `- ${mdCell(g.detail)}` : g.detail)).join('\n'));
    return values.strict && gaps.length > 0 ? 1 : 0;
  }

  const rows = pairs.map(({ id, commit }) => ({ id, known: known.has(id), commit }));
  const line = (r: { id: string; known: boolean; commit: CommitLink }) => ({
    id: r.id,
    commit: r.commit.hash,
    known: String(r.known),
    verb: r.commit.verb ?? '',
    date: r.commit.date,
    author: r.commit.author,
    subject: r.commit.subject,
  });
  if (format === 'json') {
    io.out(JSON.stringify({ version: 1, repository: path.relative(root, repo) || '.', mode: result.mode, pairs: rows.map(line) }, null, 2));
  } else if (format === 'csv') {
    io.out(toCsv(rows.map(line), ['id', 'commit', 'known', 'verb', 'date', 'author', 'subject']));
  } else if (format === 'md') {
    const out = [`| ${t.mdHeader.join(' | ')} |`, '|---|---|---|---|---|---|'];
    for (const r of rows) out.push(`| ${r.known ? r.id : `${r.id} ⚠`} | ${r.commit.hash.slice(0, 7)} | ${r.commit.verb ?? ''} | ${r.commit.date.slice(0, 10)} | ${mdCell(r.commit.author)} | ${mdCell(r.commit.subject)} |`);
    io.out(out.join('\n'));
  } else {
    // Padded by display width: a CJK character takes two terminal columns.
    const ids = rows.map((r) => (r.known ? r.id : `${r.id} ?`));
    // A loop, not Math.max(...): a history can name more IDs than a call takes arguments.
    let column = 2;
    for (const id of ids) column = Math.max(column, width(id));
    for (const [i, r] of rows.entries()) {
      const id = ids[i]!;
      io.out(`${id}${' '.repeat(column - width(id))}  ${r.commit.hash.slice(0, 7)}  ${r.commit.date.slice(0, 10)}  ${(r.commit.verb ?? '').padEnd(10)}  ${r.commit.subject}`);
    }
  }
  return 0;
}
