// The host bench's probe: loaded by the real VS Code as the extension-tests module (the same
// contract the integration suites use), it measures ReqDesk inside the extension host it shares
// with the workbench's own extensions, and writes its figures to REQDESK_BENCH_RESULTS.
//
// Phase `cold` (a fresh profile, no cache): startup (activate → first tree → ready), the host's
// own floor (list with findFiles, read every file with workspace.fs, 64 at a time), Rebuild Index
// against that floor round by round, the longest event-loop stall while indexing, the heap.
// Phase `warm` (the same profile again, the cache the cold window wrote): startup only.
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Session } from 'node:inspector/promises';
import * as vscode from 'vscode';
import type { ReqDeskApi } from '../../src/extension';
import { eachConcurrently } from '../../src/core/slices';

const CONCURRENCY = 64;

/** A full collection: V8 hands `gc` to a new context once the flag is set. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** The least any indexer in this host does: list the files and read each one through the host's API. */
async function floor(expected: number): Promise<number> {
  const started = performance.now();
  const uris = await vscode.workspace.findFiles('**/requirements/**/*.md');
  let bytes = 0;
  await eachConcurrently(uris, CONCURRENCY, async (uri) => {
    bytes += (await vscode.workspace.fs.readFile(uri)).byteLength;
  });
  const ms = performance.now() - started;
  if (uris.length !== expected || bytes === 0) throw new Error(`the floor read ${uris.length} files, expected ${expected}`);
  return ms;
}

/** How long the workbench is left alone after a rebuild before the next measurement. */
const QUIET_MS = 8000;

/** A stall: when it ended (process.hrtime, µs — the CPU profile's clock) and how long it was. */
interface Stall {
  endUs: number;
  ms: number;
}

/**
 * Runs `work` while watching the event loop: the longest delay it saw (ms), and the longest
 * stalls with their end times, which a CPU profile of the same window can be searched at.
 */
async function withStallWatch<T>(work: () => Promise<T>): Promise<{ result: T; maxStallMs: number; stalls: Stall[] }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const stalls: Stall[] = [];
  let last = process.hrtime.bigint();
  const ticker = setInterval(() => {
    const now = process.hrtime.bigint();
    const ms = Number(now - last) / 1e6 - 5;
    if (ms > 50) stalls.push({ endUs: Number(now / 1000n), ms: Math.round(ms) });
    last = now;
  }, 5);
  try {
    const result = await work();
    return { result, maxStallMs: histogram.max / 1e6, stalls: stalls.sort((a, b) => b.ms - a.ms).slice(0, 8) };
  } finally {
    clearInterval(ticker);
    histogram.disable();
  }
}

/** Runs `work` under V8's CPU profiler when `target` (from the environment) names a file for the profile. */
async function profiled<T>(work: () => Promise<T>, target = process.env.REQDESK_BENCH_PROFILE): Promise<T> {
  if (!target) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(target, JSON.stringify(profile));
    session.disconnect();
  }
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

function write(figures: Record<string, unknown>): void {
  const target = process.env.REQDESK_BENCH_RESULTS;
  if (!target) throw new Error('REQDESK_BENCH_RESULTS is not set');
  writeFileSync(`${target}.tmp`, JSON.stringify(figures, null, 2));
  renameSync(`${target}.tmp`, target);
}

export async function run(): Promise<void> {
  const phase = process.env.REQDESK_BENCH_PHASE ?? 'cold';
  const expected = Number(process.env.REQDESK_BENCH_RECORDS);
  const rounds = Math.max(1, Number(process.env.REQDESK_BENCH_ROUNDS ?? 3));
  const probeStartedAt = performance.now();
  try {
    // The view on screen, as a user opening the ReqDesk sidebar has it: its first tree is timed.
    const startUp = async () => {
      await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
      const extension = vscode.extensions.getExtension<ReqDeskApi>('reqdesk.reqdesk');
      if (!extension) throw new Error('ReqDesk is not loaded');
      const api = await extension.activate();
      const engine = await api.ready();
      return { api, engine };
    };
    const startup = await withStallWatch(() => profiled(startUp, process.env.REQDESK_BENCH_STARTUP_PROFILE));
    const { api, engine } = startup.result;
    const times = api.startup;
    // The workbench asks for the tree's root after it is told the tree changed: that round trip
    // can end after ready() (the index and the Problems panel), so it is waited for.
    for (let waited = 0; times.firstTreeAt === undefined && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    if (engine.index.size !== expected) throw new Error(`ReqDesk indexed ${engine.index.size} records, expected ${expected}`);
    const build = engine.lastBuild;
    // The heap once the work after ready() (the cache write) is done, as it stays.
    await engine.settled();
    const figures: Record<string, unknown> = {
      phase,
      records: expected,
      activate_to_first_tree_ms: times.firstTreeAt === undefined ? null : Math.round(times.firstTreeAt - times.activatedAt),
      activate_to_ready_ms: Math.round(times.readyAt! - times.activatedAt),
      // ready() resolves once the tree shows the build; its problems reach the Problems panel after.
      activate_to_problems_ms: times.problemsAt === undefined ? null : Math.round(times.problemsAt - times.activatedAt),
      // The probe starts once the host has activated the workspace's extensions: a stall before it is not seen.
      probe_started_after_activate_ms: Math.round(probeStartedAt - times.activatedAt),
      tree_visible: engine.treeView.visible,
      startup_max_stall_ms: Math.round(startup.maxStallMs),
      startup_stalls: startup.stalls,
      build_parsed: build?.parsed,
      build_from_cache: build?.fromCache,
      heap_used_bytes: heapUsed(),
    };
    // What the heap holds, for a heap profiler: once the first build is settled, as it stays.
    if (process.env.REQDESK_BENCH_HEAP_SNAPSHOT) writeHeapSnapshot(process.env.REQDESK_BENCH_HEAP_SNAPSHOT);
    if (phase === 'cold') {
      const floors: number[] = [];
      const rebuilds: number[] = [];
      let rebuildStall = 0;
      const rebuildStalls: Stall[] = [];
      await floor(expected); // the OS file cache and the host's file service, warmed alike for both
      for (let round = 0; round < rounds; round++) {
        floors.push(await floor(expected));
        const started = performance.now();
        const rebuild = async () => vscode.commands.executeCommand('reqdesk.rebuildIndex');
        const watched = await withStallWatch(round === 0 ? () => profiled(rebuild) : rebuild);
        rebuilds.push(performance.now() - started);
        // The cache written after the build, outside the timing (the warm window reads the last one).
        await engine.settled();
        // The workbench goes on digesting a rebuild for seconds (its file search, which the floor
        // and the next rebuild both start with, answered 2–3× slower right after one): each round
        // starts on a quiet workbench, as the first one does.
        await new Promise((r) => setTimeout(r, QUIET_MS));
        rebuildStall = Math.max(rebuildStall, watched.maxStallMs);
        if (round === 0) rebuildStalls.push(...watched.stalls);
        if (engine.index.size !== expected) throw new Error(`Rebuild Index kept ${engine.index.size} records, expected ${expected}`);
        if (engine.lastBuild?.fromCache !== 0) throw new Error('Rebuild Index took records from the cache');
      }
      figures.floor_ms = floors.map(Math.round);
      figures.rebuild_ms = rebuilds.map(Math.round);
      figures.rebuild_max_stall_ms = Math.round(rebuildStall);
      figures.rebuild_stalls = rebuildStalls;
      figures.heap_after_rebuild_bytes = heapUsed();
    }
    write(figures);
  } catch (error) {
    write({ phase, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
