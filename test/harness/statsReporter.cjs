// Mocha reporter for test/runAll.mjs: the usual spec output on the terminal, plus exact counts
// written as JSON ({ passed, failed, pending, failures: [{ title, error }] }) to the file given by
// `--reporter-option stats=FILE`, so the runner does not have to parse human-readable text.
//
// CommonJS because mocha loads reporters with require(); the built-in reporters come from mocha's
// CommonJS index so that no ES module is require()d here.
const { writeFileSync } = require('node:fs');
const { Spec } = require('mocha/lib/reporters/index.cjs');

class StatsReporter extends Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const file = options.reporterOption?.stats ?? options.reporterOptions?.stats;
    const failures = [];
    runner.on('fail', (test, err) => {
      failures.push({ title: test.fullTitle(), error: (err && err.stack) || String(err) });
    });
    runner.once('end', () => {
      if (!file) return;
      const stats = runner.stats ?? {};
      writeFileSync(
        file,
        JSON.stringify(
          {
            passed: stats.passes ?? 0,
            failed: stats.failures ?? failures.length,
            pending: stats.pending ?? 0,
            failures,
          },
          null,
          2,
        ) + '\n',
      );
    });
  }
}

module.exports = StatsReporter;
