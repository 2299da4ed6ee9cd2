#!/usr/bin/env node
// Evaluates the SDC calculatedExpressions of backcare's Questionnaires with fhirpath.js,
// the HL7 FHIRPath engine (the one LHC-Forms uses), as an independent check of the scores.
//
//   node calculate.js DIR
//
// DIR holds Questionnaire-*.json and QuestionnaireResponse-*.json files. For every response
// and every item of its Questionnaire (found by the `questionnaire` canonical URL) that has
// a calculatedExpression, prints one JSON line: {"response": FILE, "linkId": ..., "value": [...]}.
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
let failed = false;
for (const n of files.filter((n) => n.startsWith('QuestionnaireResponse-'))) {
  const qr = read(n);
  const q = questionnaires.get((qr.questionnaire || '').split('|')[0]);
  if (!q) {
    console.error(`${n}: no Questionnaire ${qr.questionnaire}`);
    failed = true;
    continue;
  }
  for (const [linkId, expression] of calculated(q.item)) {
    const value = fhirpath.evaluate(qr, expression, { resource: qr }, r4);
    console.log(JSON.stringify({ response: n, linkId, value }));
  }
}
process.exit(failed ? 1 : 0);
