// The headless Chromium every browser run here starts: the integration runner and the demo (through
// code-server) and the bench's webview rendering all launch it the same way.

/** Debian's Chromium unless REQDESK_CHROMIUM names another. */
export const CHROMIUM_PATH = process.env.REQDESK_CHROMIUM || '/usr/bin/chromium';

// Root + headless on a closed network: without the networking flags Chromium floods it with
// retries; without --no-sandbox it refuses to start as root.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
