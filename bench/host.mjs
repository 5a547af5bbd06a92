#!/usr/bin/env node
// npm run bench:host -- [--sizes 10000,50000] [--rounds 3] [--json] [--profile PREFIX] [--heap-snapshot PREFIX]
//
// ReqDesk timed inside the real VS Code the integration suites use (code-server + headless
// Chromium, test/harness/codeServer.mjs), on generated workspaces of each size. For every size:
//   1. a cold window (fresh profile, no cache): the probe (bench/host/probe.ts) times activate →
//      first tree → ready() → the Problems panel filled, then alternates the host's own floor (findFiles + workspace.fs reads,
//      64 at a time) with Rebuild Index, round by round; the heap of the extension host; the
//      longest event-loop stall seen while indexing;
//   2. a warm window (the same profile and workspace again, with the cache the first one wrote).
// Ratios are taken within one window: ready ÷ that window's median floor, Rebuild Index ÷ floor
// per round (median, min, max), warm ready ÷ the cold window's floor. With --json the last line
// is one JSON object with every figure.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TEST_SETTINGS, freePort, launchChromium, repoRoot, startCodeServer, workbenchUrl } from '../test/harness/codeServer.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,50000' },
    rounds: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '900' },
    // Writes CPU profiles of the extension host: startup (from the probe's start, just after
    // activation, to ready) PREFIX-<records>-<cold|warm>-startup.cpuprofile, and the first Rebuild
    // Index PREFIX-<records>.cpuprofile
    profile: { type: 'string' },
    // Writes a heap snapshot of the extension host after the first build: PREFIX-<records>.heapsnapshot
    'heap-snapshot': { type: 'string' },
  },
});
const sizes = values.sizes
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const rounds = Math.max(1, Number(values.rounds));
const log = (line) => (values.json ? console.error(line) : console.log(line));

const probe = join(repoRoot, 'out', 'bench', 'host', 'probe');
const corpusModule = join(repoRoot, 'out', 'bench', 'host', 'corpus.js');
if (!existsSync(`${probe}.js`) || !existsSync(corpusModule) || !existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  throw new Error('no build found: run `node esbuild.mjs` first (`npm run bench:host` does)');
}
const { writeBenchCorpus } = createRequire(import.meta.url)(corpusModule);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round3 = (x) => Number(x.toFixed(3));

/** One window on `workspace`: code-server, Chromium, the probe; its figures. */
async function window({ workspace, records, phase, profile, port }) {
  const results = join(tmpdir(), `reqdesk-bench-host-${process.pid}-${profile}-${phase}.json`);
  rmSync(results, { force: true });
  const server = await startCodeServer({
    workspace,
    profile,
    port,
    freshProfile: phase === 'cold',
    settings: TEST_SETTINGS,
    env: {
      REQDESK_BENCH_RESULTS: results,
      REQDESK_BENCH_PHASE: phase,
      REQDESK_BENCH_RECORDS: String(records),
      REQDESK_BENCH_ROUNDS: String(rounds),
      ...(values.profile && phase === 'cold' ? { REQDESK_BENCH_PROFILE: `${values.profile}-${records}.cpuprofile` } : {}),
      ...(values.profile ? { REQDESK_BENCH_STARTUP_PROFILE: `${values.profile}-${records}-${phase}-startup.cpuprofile` } : {}),
      ...(values['heap-snapshot'] && phase === 'cold'
        ? { REQDESK_BENCH_HEAP_SNAPSHOT: `${values['heap-snapshot']}-${records}.heapsnapshot` }
        : {}),
    },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    let exited;
    const done = new Promise((resolve) => (exited = resolve));
    await page.exposeFunction('codeAutomationLog', () => {});
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: probe }));
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), Number(values.timeout) * 1000)));
    const outcome = await Promise.race([done, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') throw new Error(`the ${phase} window on ${records} records did not finish in ${values.timeout} s`);
    if (!existsSync(results)) throw new Error(`the ${phase} window on ${records} records wrote no figures (host exit ${outcome})`);
    const figures = JSON.parse(readFileSync(results, 'utf8'));
    if (figures.error) throw new Error(`the ${phase} window on ${records} records failed: ${figures.error}`);
    return figures;
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    rmSync(results, { force: true });
  }
}

async function measure(records) {
  const workspace = join(tmpdir(), `reqdesk-bench-host-${records}`);
  writeBenchCorpus(workspace, records);
  const profile = `bench-host-${records}`;
  // The workbench keys a folder's storage (where the cache lives) by its address, port included:
  // both windows use one port, as a user's server does.
  const port = await freePort();
  const cold = await window({ workspace, records, phase: 'cold', profile, port });
  const warm = await window({ workspace, records, phase: 'warm', profile, port });
  if (warm.build_from_cache !== records)
    throw new Error(`the warm window took ${warm.build_from_cache} of ${records} records from the cache`);
  const floor = median(cold.floor_ms);
  const rebuildRatios = cold.rebuild_ms.map((ms, i) => ms / cold.floor_ms[i]);
  const k = `${records / 1000}k`;
  const figures = {
    [`host_floor_ms_${k}`]: Math.round(floor),
    [`host_first_tree_ms_${k}`]: cold.activate_to_first_tree_ms,
    [`host_ready_ms_${k}`]: cold.activate_to_ready_ms,
    [`host_ready_ratio_${k}`]: round3(cold.activate_to_ready_ms / floor),
    [`host_problems_ms_${k}`]: cold.activate_to_problems_ms,
    [`host_problems_ratio_${k}`]: round3(cold.activate_to_problems_ms / floor),
    [`host_rebuild_ms_${k}`]: Math.round(median(cold.rebuild_ms)),
    [`host_rebuild_ratio_${k}`]: round3(median(rebuildRatios)),
    [`host_rebuild_ratio_${k}_min`]: round3(Math.min(...rebuildRatios)),
    [`host_rebuild_ratio_${k}_max`]: round3(Math.max(...rebuildRatios)),
    [`host_warm_ready_ms_${k}`]: warm.activate_to_ready_ms,
    [`host_warm_ratio_${k}`]: round3(warm.activate_to_ready_ms / floor),
    [`host_warm_problems_ms_${k}`]: warm.activate_to_problems_ms,
    [`host_heap_bytes_${k}`]: cold.heap_used_bytes,
    [`host_max_stall_ms_${k}`]: Math.max(cold.startup_max_stall_ms, cold.rebuild_max_stall_ms),
  };
  log(`${records} records (${workspace})`);
  log(`  floor: findFiles + workspace.fs reads   ${cold.floor_ms.join(' ')} ms`);
  log(
    `  activate → ready ${cold.activate_to_ready_ms} ms (the tree first shown at ${cold.activate_to_first_tree_ms} ms)  ratio ${figures[`host_ready_ratio_${k}`]}  (target ≤ 1.5)`,
  );
  log(`  the Problems panel filled at ${cold.activate_to_problems_ms} ms  ratio ${figures[`host_problems_ratio_${k}`]}`);
  log(
    `  (the probe started ${cold.probe_started_after_activate_ms} ms after activation; the tree ${cold.tree_visible ? 'is' : 'is not'} visible)`,
  );
  log(
    `  Rebuild Index ${cold.rebuild_ms.join(' ')} ms  ratio ${figures[`host_rebuild_ratio_${k}`]} (${figures[`host_rebuild_ratio_${k}_min`]}–${figures[`host_rebuild_ratio_${k}_max`]})`,
  );
  log(
    `  warm start: ready ${warm.activate_to_ready_ms} ms  ratio ${figures[`host_warm_ratio_${k}`]}  (target ≤ 0.5); the Problems panel filled at ${warm.activate_to_problems_ms} ms`,
  );
  log(
    `  extension-host heap ${(cold.heap_used_bytes / 1e6).toFixed(0)} MB after the first build, ${(cold.heap_after_rebuild_bytes / 1e6).toFixed(0)} MB after the rebuilds`,
  );
  if (values.profile)
    log(`  stalls (end µs, ms): startup ${JSON.stringify(cold.startup_stalls)} rebuild ${JSON.stringify(cold.rebuild_stalls)}`);
  log(
    `  longest event-loop stall: ${cold.startup_max_stall_ms} ms at startup, ${cold.rebuild_max_stall_ms} ms in Rebuild Index  (target ≤ 50)`,
  );
  return { figures, heap: cold.heap_used_bytes };
}

mkdirSync(tmpdir(), { recursive: true });
const result = {};
const heaps = [];
for (const records of sizes) {
  const { figures, heap } = await measure(records);
  Object.assign(result, figures);
  heaps.push({ records, heap });
}
if (heaps.length >= 2) {
  // Per record: what the heap grows by from the smallest workspace to the largest, so the host's
  // own heap (the workbench's extensions, ReqDesk's code) is not spread over the records.
  const [small, large] = [heaps[0], heaps.at(-1)];
  result.host_heap_per_record_bytes = Math.round((large.heap - small.heap) / (large.records - small.records));
  log(`heap per record (${small.records} → ${large.records}): ${result.host_heap_per_record_bytes} bytes  (target ≤ 4,000)`);
  result.host_ready_growth = round3(result[`host_ready_ms_${large.records / 1000}k`] / result[`host_ready_ms_${small.records / 1000}k`]);
  log(`ready grows ×${result.host_ready_growth} from ${small.records} to ${large.records} records  (target ≤ 5.5 for 10k → 50k)`);
}
if (values.json) console.log(JSON.stringify(result));
process.exit(0);
