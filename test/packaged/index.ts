// The extension-host entry for the packaged tier: the same mocha runner as the integration suites,
// bundled here so that it runs the `*.test.js` suites of this folder. The runner
// (test/harness/runIntegration.mjs --packaged=VSIX) installs the .vsix into a fresh code-server
// and loads a probe with no code of its own as the development extension: ReqDesk itself is the
// installed copy.
export { run } from '../integration/index';
