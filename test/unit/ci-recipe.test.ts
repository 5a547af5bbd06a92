// The CI recipe (examples/.github/workflows/reqdesk.yml): the workflow runs the documented
// commands, and those very commands, run on the examples with their git history, give a SARIF
// 2.1.0 file that the official schema accepts and a trace that fails on the examples' gaps.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { runCli } from '../../src/cli/main';
import { gitDemoForSuite, REPO_ROOT, sarifValidator } from './support';
import { isolatedEnv } from '../support/gitEnv';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}

const WORKFLOW = path.join(REPO_ROOT, 'examples/.github/workflows/reqdesk.yml');

function workflow(): { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> } {
  const doc = YAML.parseDocument(readFileSync(WORKFLOW, 'utf8'));
  assert.deepEqual(doc.errors, []);
  return doc.toJS();
}

/** A step's `npx reqdesk …` command as CLI arguments and the file its output is redirected to. */
function reqdeskCommand(run: string): { argv: string[]; redirect?: string } {
  const m = /^npx reqdesk ([^>]+?)(?: > (\S+))?$/.exec(run.trim());
  assert.ok(m, `"${run}" is one npx reqdesk command`);
  return { argv: m[1]!.split(/\s+/), ...(m[2] ? { redirect: m[2] } : {}) };
}

describe('CI recipe: the GitHub Actions workflow', function () {
  this.timeout(60_000);
  const demo = gitDemoForSuite('reqdesk-ci-');

  it('checks out the whole history, may write code-scanning results, and runs the documented commands', () => {
    const wf = workflow();
    assert.equal(wf.permissions['security-events'], 'write');
    const steps = Object.values(wf.jobs)[0]!.steps;
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0);
    assert.ok(steps.some((s) => s.uses?.startsWith('actions/setup-node@')));

    const validate = steps.find((s) => s.run?.includes('reqdesk validate'))!;
    assert.equal(validate.run, 'npx reqdesk validate --format sarif > reqdesk.sarif');
    assert.equal(validate['continue-on-error'], true, 'a failing validation still lets the SARIF be uploaded');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.uses, 'github/codeql-action/upload-sarif@v3');
    assert.deepEqual(upload.with, { sarif_file: 'reqdesk.sarif', category: 'reqdesk' });
    assert.equal(upload.if, 'always()');
    assert.ok(steps.indexOf(upload) > steps.indexOf(validate));
    const trace = steps.find((s) => s.run?.includes('reqdesk trace'))!;
    assert.equal(trace.run, 'npx reqdesk trace --gaps --strict');
    // The job still fails on validation errors, after the upload.
    const fail = steps.find((s) => s.if === `steps.${validate.id}.outcome == 'failure'`);
    assert.ok(fail && /exit 1/.test(fail.run ?? '') && steps.indexOf(fail) > steps.indexOf(upload));
  });

  it("the same commands on the examples' history: SARIF 2.1.0 valid against the schema, trace fails on the gaps", async () => {
    const steps = Object.values(workflow().jobs)[0]!.steps.filter((s) => s.run?.startsWith('npx reqdesk'));
    assert.equal(steps.length, 2);
    const codes: number[] = [];
    for (const step of steps) {
      const { argv, redirect } = reqdeskCommand(step.run!);
      const out: string[] = [];
      const err: string[] = [];
      const env = isolatedEnv({ LANG: 'en_US.UTF-8', LC_ALL: '' });
      codes.push(await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: demo.repo, env }));
      if (redirect) writeFileSync(path.join(demo.repo, redirect), `${out.join('\n')}\n`);
      else assert.match(out.join('\n') + err.join('\n'), /REQ-2025-999/, 'the unknown ID in the history is a gap');
    }
    // The examples have deliberate problems and gaps: both commands fail, as they should.
    assert.deepEqual(codes, [1, 1]);

    const sarif = JSON.parse(readFileSync(path.join(demo.repo, 'reqdesk.sarif'), 'utf8'));
    const validate = sarifValidator();
    assert.equal(validate(sarif), true, JSON.stringify(validate.errors, null, 2));
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }>;
    }>;
    assert.ok(results.length > 0);
    // Paths are relative to the checkout, as code scanning expects.
    for (const r of results) {
      const loc = r.locations[0]!.physicalLocation.artifactLocation;
      assert.equal(loc.uriBaseId, '%SRCROOT%');
      assert.match(decodeURI(loc.uri), /^requirements\/[^/]+\.md$/);
    }
    assert.ok(results.some((r) => r.ruleId === 'key-near-miss'));
  });
});
