#!/usr/bin/env node
// Streaming counterpart of calculate.js, for the bulk benchmark (docs/benchmarks.md):
// evaluates the SDC calculatedExpressions of backcare's Questionnaires with fhirpath.js
// over an NDJSON file of QuestionnaireResponses (gzip when it ends in .gz), one line at a
// time, so memory stays flat.
//
//   node calculate-ndjson.js QDIR FILE.ndjson[.gz] [--print | --parse-only]
//
// QDIR holds Questionnaire-*.json (`backcare bulk questionnaires QDIR` writes them). Each
// expression is compiled once (fhirpath.compile), then run on every response of its
// Questionnaire. With --print, prints {"id", "linkId", "value"} per evaluation; with
// --parse-only, only parses (JSON.parse) for comparison. Always prints a summary line as
// JSON on stderr: responses, evaluations, seconds.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const zlib = require('node:zlib');
const fhirpath = require('fhirpath');
const r4 = require('fhirpath/fhir-context/r4');

const CALCULATED =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression';
const [dir, file, flag] = process.argv.slice(2);
if (!dir || !file) {
  console.error('usage: calculate-ndjson.js QDIR FILE.ndjson[.gz] [--print | --parse-only]');
  process.exit(2);
}
const print = flag === '--print';
const parseOnly = flag === '--parse-only';

function* calculated(items) {
  for (const item of items || []) {
    for (const e of item.extension || []) {
      if (e.url === CALCULATED) yield [item.linkId, e.valueExpression.expression];
    }
    yield* calculated(item.item);
  }
}

// Questionnaire URL -> [[linkId, compiled expression], ...]
const compiled = new Map();
for (const n of fs.readdirSync(dir).filter((n) => n.startsWith('Questionnaire-'))) {
  const q = JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8'));
  compiled.set(
    q.url,
    [...calculated(q.item)].map(([linkId, expr]) => [linkId, fhirpath.compile(expr, r4)]),
  );
}

let input = fs.createReadStream(file);
if (file.endsWith('.gz')) input = input.pipe(zlib.createGunzip());
const lines = readline.createInterface({ input, crlfDelay: Infinity });
const started = process.hrtime.bigint();
let responses = 0;
let evaluations = 0;
let unknown = 0;
lines.on('line', (line) => {
  if (!line.trim()) return;
  const qr = JSON.parse(line);
  responses += 1;
  const exprs = compiled.get((qr.questionnaire || '').split('|')[0]);
  if (!exprs) {
    unknown += 1;
    return;
  }
  if (parseOnly) return;
  for (const [linkId, fn] of exprs) {
    const value = fn(qr, { resource: qr });
    evaluations += 1;
    if (print) process.stdout.write(JSON.stringify({ id: qr.id, linkId, value }) + '\n');
  }
});
lines.on('close', () => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.error(JSON.stringify({ responses, evaluations, unknown, seconds }));
});
