// Parses a TAP file with the tap-parser package (installed by .ci/run under KJTEST_NODE_DIR) and prints what it
// understood as one JSON line, for ReportTests to assert on.
const path = require('node:path');
const fs = require('node:fs');
const dir = process.env.KJTEST_NODE_DIR || '/var/cache/kjtest/node';
const { Parser } = require(path.join(dir, 'node_modules', 'tap-parser'));
const parser = new Parser();
const tests = [];
parser.on('assert', a => tests.push({ id: a.id, ok: a.ok, name: a.name, skip: a.skip || false, diag: a.diag || null }));
parser.on('complete', r => {
  console.log(JSON.stringify({ ok: r.ok, count: r.count, pass: r.pass, fail: r.fail, skip: r.skip, plan: r.plan.end, bailout: r.bailout, tests }));
});
parser.end(fs.readFileSync(process.argv[2], 'utf8'));
