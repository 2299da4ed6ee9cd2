// Drives a running backcare's /fhir as a standard client would: fhir-kit-client (npm) for
// FHIR, jose (npm) for the SMART backend services assertion. Used by the CLI test
// crates/backcare/tests/cli/fhir_client.rs against `backcare serve --demo`.
//
//   node client-e2e.mjs FHIR_BASE CLIENT_ID KEY_DIR OUT_DIR PATIENT_TOKEN RESPONSES.ndjson
//
// 1. As an EHR with the patient's token, creates each QuestionnaireResponse of the file
//    for that patient.
// 2. As the backend client: finds the token endpoint (smartAuthMetadata), signs an RS384
//    assertion with KEY_DIR/private.json, gets an access token, then reads the
//    CapabilityStatement, searches Patient, pages through the first patient's
//    Observations (_count=5) with `next` links to the end, finds the panel's Group and
//    runs a Bulk Data export of it to the end, downloading every file into OUT_DIR.
// Every FHIR resource it is answered with (not the NDJSON files) is written to
// OUT_DIR/received/, one JSON file each, for the test to validate.
// Prints a JSON summary on stdout; any failure exits 1 with the reason.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, RESPONSE_KEY } from 'fhir-kit-client';
import { signAssertion } from './assertion.mjs';

const [base, clientId, keyDir, outDir, patientToken, responses] = process.argv.slice(2);
const fail = (why) => {
  console.error(`client-e2e: ${why}`);
  process.exit(1);
};
const check = (ok, why) => ok || fail(why);
const received = join(outDir, 'received');
mkdirSync(received, { recursive: true });
let kept = 0;
const keep = (resource) => {
  kept += 1;
  const name = `${String(kept).padStart(3, '0')}-${resource.resourceType}.json`;
  writeFileSync(join(received, name), JSON.stringify(resource));
  return resource;
};

try {
  // 1. The EHR sends responses for the patient.
  const ehr = new Client({ baseUrl: base, bearerToken: patientToken });
  const me = keep(await ehr.search({ resourceType: 'Patient' }));
  const patientId = me.entry[0].resource.id;
  let created = 0;
  for (const line of readFileSync(responses, 'utf8').split('\n').filter((l) => l.trim())) {
    const qr = JSON.parse(line);
    delete qr.id;
    qr.subject = { reference: `Patient/${patientId}` };
    keep(await ehr.create({ resourceType: 'QuestionnaireResponse', body: qr }));
    created += 1;
  }

  // 2. The backend client gets a token.
  const client = new Client({ baseUrl: base });
  const auth = await client.smartAuthMetadata();
  check(auth.tokenUrl, 'no token endpoint found');
  const tokenUrl = auth.tokenUrl.toString();
  const jwk = JSON.parse(readFileSync(join(keyDir, 'private.json'), 'utf8')).RS384;
  const assertion = await signAssertion(jwk, 'RS384', {
    iss: clientId,
    sub: clientId,
    aud: tokenUrl,
    exp: '4m',
    jti: randomUUID(),
  });
  const answer = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: 'system/*.read',
    }),
  });
  const granted = await answer.json();
  check(answer.status === 200, `token request: ${answer.status} ${JSON.stringify(granted)}`);
  client.bearerToken = granted.access_token;

  // Capability, Patient search, paging.
  const capability = keep(await client.capabilityStatement());
  const patients = keep(await client.search({ resourceType: 'Patient' }));
  check(patients.total >= 1, 'Patient search found nobody');
  const first = patients.entry[0].resource.id;
  let page = await client.search({
    resourceType: 'Observation',
    searchParams: { patient: first, _count: 5 },
  });
  const total = page.total;
  const seen = [];
  let pages = 0;
  while (page) {
    pages += 1;
    keep(page);
    for (const e of page.entry ?? []) seen.push(e.resource.id);
    page = await client.nextPage({ bundle: page });
  }

  // The panel's Group and its Bulk Data export.
  const groups = keep(await client.search({ resourceType: 'Group' }));
  const group = groups.entry[0].resource;
  const kick = await client.request(`Group/${group.id}/$export`, {
    options: { headers: { prefer: 'respond-async' } },
  });
  const kicked = kick[RESPONSE_KEY];
  check(kicked.status === 202, `kick-off: ${kicked.status}`);
  const statusUrl = kicked.headers.get('content-location');
  let manifest;
  const progress = [];
  for (let i = 0; i < 300 && !manifest; i += 1) {
    const polled = await client.request(statusUrl);
    const response = polled[RESPONSE_KEY];
    if (response.status === 200) {
      manifest = polled;
    } else {
      check(response.status === 202, `status: ${response.status}`);
      progress.push(response.headers.get('x-progress'));
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  check(manifest, 'the export did not finish in 30 seconds');
  const files = [];
  for (const [n, out] of manifest.output.entries()) {
    const got = await fetch(out.url, {
      headers: { authorization: `Bearer ${granted.access_token}` },
    });
    check(got.status === 200, `download ${out.url}: ${got.status}`);
    const name = `${out.type}-${n + 1}.ndjson`;
    writeFileSync(join(outDir, name), await got.text());
    files.push({ type: out.type, count: out.count, file: name });
  }
  process.stdout.write(
    JSON.stringify({
      created,
      scope: granted.scope,
      expiresIn: granted.expires_in,
      received: kept,
      fhirVersion: capability.fhirVersion,
      patients: patients.total,
      observationsTotal: total,
      observationsSeen: seen.length,
      observationsDistinct: new Set(seen).size,
      pages,
      group: { id: group.id, members: group.member.length },
      progress,
      manifest,
      files,
    }),
  );
} catch (e) {
  fail(`${e.message} ${JSON.stringify(e.response?.data ?? '')}`);
}
