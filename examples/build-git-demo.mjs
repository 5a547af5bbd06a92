#!/usr/bin/env node
// Build a small git repository from this example workspace, with a history whose commit
// messages mention requirement IDs the way people really write them.
//
//   node examples/build-git-demo.mjs <target-dir>
//
// <target-dir> must not exist yet, or be empty, and must not be inside examples/ itself.
// Nothing in examples/ is modified: the files are read here and written into <target-dir>,
// one commit at a time. Only node:* modules and the git command line are used.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// Arguments and safety checks

const arg = process.argv[2];
if (!arg || arg === '-h' || arg === '--help') {
  console.error('usage: node build-git-demo.mjs <target-dir>');
  process.exit(2);
}
const TARGET = resolve(arg);

const rel = relative(SOURCE, TARGET);
if (rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))) {
  fail(`refusing to build inside the example workspace itself (${TARGET}); choose a directory outside it`);
}
if (existsSync(TARGET)) {
  if (!statSync(TARGET).isDirectory()) fail(`${TARGET} exists and is not a directory`);
  if (readdirSync(TARGET).length > 0) fail(`${TARGET} exists and is not empty`);
}

// ---------------------------------------------------------------------------------------------
// The files of the example workspace (final content), keyed by relative path with "/"

const EXCLUDED_DIRS = new Set(['.git', 'node_modules']);

function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const relPath = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!EXCLUDED_DIRS.has(entry.name)) out.push(...listFiles(join(dir, entry.name), relPath));
    } else if (entry.isFile()) {
      out.push(relPath);
    }
  }
  return out;
}

const FILES = new Map(listFiles(SOURCE).map((p) => [p, readFileSync(join(SOURCE, ...p.split('/')))]));

// ---------------------------------------------------------------------------------------------
// Earlier versions of files, derived from the final content. Every transform falls back to
// the unchanged text when its pattern is not found, so edits to the examples never break this.

const text = (p) => FILES.get(p)?.toString('utf8');

/** Set the top-level `status:` of a record, keeping any trailing comment. */
const withStatus = (status) => (s) => s.replace(/^status: [^\s#]+/m, `status: ${status}`);

/** Remove top-level front-matter keys (and their indented lines) from a record. */
const withoutKeys =
  (...keys) =>
  (s) => {
    const lines = s.split('\n');
    const end = lines.indexOf('---', 1);
    if (lines[0] !== '---' || end < 0) return s;
    const kept = [];
    let skipping = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (i > 0 && i < end) {
        const key = /^([A-Za-z_][\w-]*):/.exec(line)?.[1];
        if (key) skipping = keys.includes(key);
        else if (!/^\s/.test(line) && line.trim() !== '') skipping = false;
        if (skipping) continue;
      }
      kept.push(line);
    }
    return kept.join('\n');
  };

/** Set the `status:` of one task (found by its `- id:` line) inside a record. */
const withTaskStatus = (taskId, status) => (s) => {
  const lines = s.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\s*- id: ${taskId}\\s*(#.*)?$`).test(l));
  if (start < 0) return s;
  for (let i = start + 1; i < lines.length && !/^\s*- id:/.test(lines[i]) && /^\s/.test(lines[i]); i++) {
    if (/^\s+status: /.test(lines[i])) {
      lines[i] = lines[i].replace(/status: .*$/, `status: ${status}`);
      break;
    }
  }
  return lines.join('\n');
};

/** Keep only the lines that do not contain `needle`. */
const withoutLinesContaining = (needle) => (s) =>
  s
    .split('\n')
    .filter((l) => !l.includes(needle))
    .join('\n');

/** Cut the text at `marker` (exclusive), ending with one newline. */
const cutAt = (marker) => (s) => (s.includes(marker) ? s.slice(0, s.indexOf(marker)).trimEnd() + '\n' : s);

const pipe =
  (...fns) =>
  (s) =>
    fns.reduce((acc, fn) => fn(acc), s);

// ---------------------------------------------------------------------------------------------
// The history. `files` maps a path to `true` (final content) or to a transform of the final
// content. The last step adds every file not yet written in its final form.

const R = 'requirements/';
const ZHANG = ['张三', 'zhangsan@example.com'];
const WANG = ['王五', 'wangwu@example.com'];
const LI = ['李四', 'lisi@example.com'];
const LIU = ['刘洋', 'liuyang@example.com'];
const ALEX = ['Alex Wu', 'alex.wu@example.com'];
const HUANG = ['黄磊', 'huanglei@example.com'];

const req = (name) => [...FILES.keys()].find((p) => p.startsWith(R) && p.slice(R.length).startsWith(name));

const HISTORY = [
  {
    date: '2024-03-15T17:40:00+08:00',
    author: ZHANG,
    message: 'chore: set up the requirement workspace',
    files: { '.vscode/settings.json': true },
  },
  {
    date: '2024-03-16T10:05:00+08:00',
    author: ZHANG,
    message: 'docs: 记录需求-2024-001 访谈结论',
    files: {
      [req('需求-2024-001')]: pipe(
        withStatus('analyzing'),
        withTaskStatus('T1', 'todo'),
        withTaskStatus('T2', 'todo'),
        withoutKeys('feedback', 'changes', 'outcome', 'lessons'),
      ),
    },
  },
  {
    date: '2024-03-27T18:20:00+08:00',
    author: WANG,
    message: 'feat: 能耗看板 (需求-2024-001)',
    files: {
      'src/api/energyReadings.ts': pipe(
        cutAt('/** GET /api/energy/:deviceId/24h'),
        withoutLinesContaining('REQ-2026-003'),
        withoutLinesContaining('rollups('),
      ),
      [req('需求-2024-001')]: pipe(withStatus('in-progress'), withoutKeys('feedback', 'changes', 'outcome', 'lessons')),
    },
  },
  {
    date: '2024-04-02T16:45:00+08:00',
    author: ZHANG,
    message: '完成需求-2024-001，待验收',
    files: {
      [req('需求-2024-001')]: pipe(withStatus('delivered'), withoutKeys('feedback', 'changes', 'outcome', 'lessons')),
    },
  },
  {
    date: '2024-04-12T11:30:00+08:00',
    author: WANG,
    message: 'feat(export): CSV export of hourly readings\n\n' + 'Implements REQ-2024-003, split out of the 需求-2024-001 change request.',
    files: {
      'src/export/csv_export.py': pipe(withoutLinesContaining('implements REQ-2025-004'), (s) =>
        s.replace('ENCODING = "utf-8-sig"', 'ENCODING = "utf-8"'),
      ),
      [req('REQ-2024-003')]: pipe(withStatus('delivered'), withoutKeys('feedback', 'outcome', 'lessons')),
      [req('需求-2024-001')]: true,
    },
  },
  {
    date: '2024-05-08T15:10:00+08:00',
    author: WANG,
    message: 'feat(alerts): 企业微信能耗告警\n\nCloses 需求-2024-002',
    files: {
      'src/alerts/notifier.go': true,
      'src/config/alerts.yaml': pipe(cutAt('\nescalation:'), (s) => s.replace(' and 需求-2025-001 (night escalation)', '')),
      [req('需求-2024-002')]: true,
    },
  },
  {
    date: '2024-09-13T14:00:00+08:00',
    author: LIU,
    message: 'docs: record the 华美超市 licence discount outcome (REQ-2024-006)',
    files: { [req('REQ-2024-006')]: true },
  },
  {
    date: '2025-03-07T10:25:00+08:00',
    author: WANG,
    message:
      'fix: CSV export encoding\n\n' +
      'Excel 365 shows Chinese device names garbled without a BOM; add GBK for the ERP import.\n\n' +
      'Refs: REQ-2025-004',
    files: {
      'src/export/csv_export.py': true,
      [req('REQ-2025-004')]: pipe(withStatus('in-progress'), withoutKeys('feedback', 'outcome', 'lessons')),
      [req('REQ-2024-003')]: true,
    },
  },
  {
    date: '2025-03-11T09:50:00+08:00',
    author: HUANG,
    message: 'fix: 夜间工单升级改为电话外呼 (REQ-2025-999)',
    files: {
      'src/config/alerts.yaml': true,
      [req('需求-2025-001')]: pipe(withStatus('in-progress'), withoutKeys('outcome', 'lessons')),
    },
  },
  {
    date: '2025-06-20T17:15:00+08:00',
    author: ZHANG,
    message: 'docs: 质检追溯、手机端审批需求 (需求-2025-002, 需求-2025-003)',
    files: {
      [req('需求-2025-002')]: pipe(withStatus('analyzing'), withoutKeys('tasks', 'milestones')),
      [req('需求-2025-003')]: pipe(withStatus('delivered'), withoutKeys('outcome', 'lessons')),
      [req('需求-2025-001')]: true,
      [req('REQ-2025-004')]: true,
    },
  },
  {
    date: '2025-09-05T18:40:00+08:00',
    author: ALEX,
    message: 'feat(auth): SAML SSO for Northwind (REQ-2025-007)',
    files: {
      [req('REQ-2025-007')]: true,
      [req('需求-2025-003')]: true,
    },
  },
  {
    date: '2026-10-16T19:05:00+08:00',
    author: WANG,
    message: 'feat(replenishment): 安全库存阈值表 (需求-2026-002)',
    files: {
      'src/db/migrations/20261012_replenishment_thresholds.sql': withoutLinesContaining('Pending change'),
      [req('需求-2026-002')]: pipe(withTaskStatus('T2', 'todo'), withoutKeys('changes')),
      [req('REQ-2026-003')]: pipe(withStatus('in-progress'), withTaskStatus('T2', 'doing')),
    },
  },
  {
    date: '2026-10-23T16:30:00+08:00',
    author: WANG,
    message: 'perf(dashboard): 1-minute rollups for the 24 h chart\n\nRefs: REQ-2026-003',
    files: {
      'src/api/energyReadings.ts': true,
      [req('REQ-2026-003')]: true,
    },
  },
  {
    date: '2026-11-20T18:00:00+08:00',
    author: ZHANG,
    message: 'docs: 11 月需求评审，新增 需求-2026-001、需求-2026-003、REQ-2026-001 等',
    files: Object.fromEntries(
      [...FILES.keys()]
        .filter((p) => p.startsWith(R) && !/^requirements\/REQ-2026-09\d/.test(p))
        .map((p) => [p, true])
        .concat([['src/db/migrations/20261012_replenishment_thresholds.sql', true]]),
    ),
  },
  {
    date: '2026-11-24T10:00:00+08:00',
    author: ZHANG,
    message: 'docs: README and three records with deliberate problems',
    files: 'rest',
  },
];

// ---------------------------------------------------------------------------------------------
// Run

const CLEAN_ENV = { ...process.env };
for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR']) delete CLEAN_ENV[k];

function git(args, extraEnv = {}) {
  const r = spawnSync('git', args, { cwd: TARGET, env: { ...CLEAN_ENV, ...extraEnv }, encoding: 'utf8' });
  if (r.error) fail(`could not run git: ${r.error.message}`);
  if (r.status !== 0) fail(`git ${args.join(' ')} failed:\n${r.stderr || r.stdout}`);
  return r.stdout;
}

function fail(message) {
  console.error(`build-git-demo: ${message}`);
  process.exit(1);
}

mkdirSync(TARGET, { recursive: true });
git(['init', '-q', '-b', 'main']);
git(['config', 'user.name', 'ReqDesk Demo']);
git(['config', 'user.email', 'demo@example.com']);
git(['config', 'commit.gpgsign', 'false']);
git(['config', 'core.autocrlf', 'false']);
git(['config', 'core.quotepath', 'false']);

const finalWritten = new Set();

function write(relPath, content) {
  const abs = join(TARGET, ...relPath.split('/'));
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

for (const step of HISTORY) {
  const entries =
    step.files === 'rest' ? [...FILES.keys()].filter((p) => !finalWritten.has(p)).map((p) => [p, true]) : Object.entries(step.files);
  for (const [relPath, how] of entries) {
    if (!relPath || !FILES.has(relPath)) continue; // a file renamed or removed from the examples
    if (how === true) {
      write(relPath, FILES.get(relPath));
      finalWritten.add(relPath);
    } else {
      write(relPath, how(text(relPath)));
      finalWritten.delete(relPath);
    }
  }
  git(['add', '-A']);
  const [name, email] = step.author;
  git(['commit', '-q', '--no-verify', '--allow-empty', '-m', step.message], {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: step.date,
    GIT_COMMITTER_DATE: step.date,
  });
}

console.log(TARGET);
process.stdout.write(git(['log', '--oneline']));
