#!/usr/bin/env node
// Evaluates the SDC calculatedExpressions of backcare's Questionnaires with fhirpath.js,
// the HL7 FHIRPath engine (the one LHC-Forms uses), as an independent check of the scores.
//
//   node calculate.js DIR
//
// DIR holds Questionnaire-*.json and QuestionnaireResponse-*.json files, and may hold
// *.ndjson files of responses, one per line (so that thousands of responses take one run).
// For every response and every item of its Questionnaire (found by the `questionnaire`
// canonical URL) that has a calculatedExpression, prints one JSON line:
// {"response": NAME, "linkId": ..., "value": [...]}, where NAME is the file name, or
// FILE:LINE (from 1) for a line of an NDJSON file. Each expression is compiled once.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const fhirpath = require('fhirpath');
const r4 = require('fhirpath/fhir-context/r4');

const CALCULATED =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression';
const dir = process.argv[2];
if (!dir) {
  console.error('usage: calculate.js DIR');
  process.exit(2);
}
const files = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
const read = (n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8'));
const questionnaires = new Map();
for (const n of files.filter((n) => n.startsWith('Questionnaire-'))) {
  const q = read(n);
  questionnaires.set(q.url, q);
}
function* calculated(items) {
  for (const item of items || []) {
    for (const e of item.extension || []) {
      if (e.url === CALCULATED) yield [item.linkId, e.valueExpression.expression];
    }
    yield* calculated(item.item);
  }
}
const compiled = new Map();
function compile(expression) {
  if (!compiled.has(expression)) compiled.set(expression, fhirpath.compile(expression, r4));
  return compiled.get(expression);
}
let failed = false;
function calculate(name, qr) {
  const q = questionnaires.get((qr.questionnaire || '').split('|')[0]);
  if (!q) {
    console.error(`${name}: no Questionnaire ${qr.questionnaire}`);
    failed = true;
    return;
  }
  for (const [linkId, expression] of calculated(q.item)) {
    const value = compile(expression)(qr, { resource: qr });
    console.log(JSON.stringify({ response: name, linkId, value }));
  }
}
for (const n of files.filter((n) => n.startsWith('QuestionnaireResponse-'))) {
  calculate(n, read(n));
}
for (const n of fs.readdirSync(dir).filter((n) => n.endsWith('.ndjson')).sort()) {
  const lines = fs.readFileSync(path.join(dir, n), 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() !== '') calculate(`${n}:${i + 1}`, JSON.parse(line));
  });
}
process.exit(failed ? 1 : 0);
