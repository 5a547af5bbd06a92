// Webview rendering measured in a real browser (Debian's Chromium through playwright-core): the
// built matrix and timeline bundles in a page whose `acquireVsCodeApi` is a stand-in, fed the same
// `init` message the host sends. Timed from posting the message to the second animation frame
// after it (the first frame painted with the data). The timeline's stand-in host answers the rows
// the page asks for (needRows) from the whole model, as the panel does.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/harness/chromium.mjs';

export interface RenderFigures {
  matrix_render_ms: number;
  timeline_render_ms: number;
  timeline_scroll_frame_p95_ms: number;
}

/**
 * The stand-in host: it answers `needRows` with a `rowsPage` of `window.benchRows` (set before the
 * init message is posted) a macrotask later, as a message from the extension host would come;
 * every other message is swallowed.
 */
const STAND_IN_API = `window.acquireVsCodeApi = () => ({
  postMessage(m) {
    if (m && m.type === 'needRows' && window.benchRows)
      setTimeout(() => window.postMessage({ type: 'rowsPage', from: m.from, rows: window.benchRows.slice(m.from, m.to) }, '*'));
  },
  getState() { return undefined; },
  setState() {},
});`;

function page(bundle: string, distDir: string, dir: string): string {
  const html = path.join(dir, `${bundle}.html`);
  // The page loads the bundle as the webview does.
  writeFileSync(
    html,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="file://${path.join(distDir, `${bundle}.css`)}">
<script>${STAND_IN_API}</script></head>
<body style="width:1400px;height:900px"><div id="app"></div><script src="file://${path.join(distDir, `${bundle}.js`)}"></script></body></html>`,
  );
  return `file://${html}`;
}

/** Median of a few runs of: post the message, wait two frames. */
const TIME_RENDER = `async (message) => {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    window.postMessage(message, '*');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[2];
}`;

/**
 * Scrolls the timeline through its height and returns the p95 of the work done per frame: from
 * the frame's start to after the app's scroll rendering and a forced layout. (The interval between
 * frames would only show the display's refresh rate.)
 */
const TIME_SCROLL = `async () => {
  const scroller = document.querySelector('.scroller');
  if (!scroller) return -1;
  const work = [];
  const step = Math.max(1, Math.floor((scroller.scrollHeight - scroller.clientHeight) / 120));
  for (let i = 1; i <= 120; i++) {
    scroller.scrollTop = i * step;
    // The app renders in a frame callback it asks for on 'scroll'; ours is asked for after it.
    scroller.dispatchEvent(new Event('scroll'));
    const spent = await new Promise((r) => requestAnimationFrame((frameStart) => {
      void scroller.getBoundingClientRect();
      void document.body.offsetHeight;
      r(performance.now() - frameStart);
    }));
    work.push(spent);
  }
  work.sort((a, b) => a - b);
  return work[Math.floor(work.length * 0.95)];
}`;

export async function measureWebviews(
  distDir: string,
  matrixInit: unknown,
  timelineInit: unknown,
  timelineRows: readonly unknown[],
): Promise<RenderFigures | undefined> {
  if (!existsSync(CHROMIUM_PATH) || !existsSync(path.join(distDir, 'matrix.js'))) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-render-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
  try {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await tab.goto(page('matrix', distDir, dir));
    const matrix = (await tab.evaluate(`(${TIME_RENDER})(${JSON.stringify(matrixInit)})`)) as number;
    await tab.goto(page('timeline', distDir, dir));
    await tab.evaluate(`window.benchRows = ${JSON.stringify(timelineRows)}`);
    const timeline = (await tab.evaluate(`(${TIME_RENDER})(${JSON.stringify(timelineInit)})`)) as number;
    const scroll = (await tab.evaluate(`(${TIME_SCROLL})()`)) as number;
    return {
      matrix_render_ms: Number(matrix.toFixed(1)),
      timeline_render_ms: Number(timeline.toFixed(1)),
      timeline_scroll_frame_p95_ms: Number(scroll.toFixed(1)),
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
