// Backend services keys and client assertions for the tests, made with jose (npm), a JOSE
// library independent of the server's jsonwebtoken crate.
//
//   node jwt.mjs keys DIR
//       Writes DIR/jwks.json (the public keys to register: one RSA key for RS384 and one
//       EC P-384 key for ES384, kids "rs384" and "es384"), DIR/private.json (their private
//       keys) and DIR/stranger.json (another RSA key with the kid "rs384", registered
//       nowhere).
//   node jwt.mjs sign DIR ALG CLIENT AUD EXP JTI [VARIANT]
//       Prints a client assertion (RFC 7523) signed with DIR's ALG key: iss = sub = CLIENT,
//       aud = AUD, exp = EXP (Unix seconds), jti = JTI. A VARIANT makes it wrong in one way:
//       "stranger" signs with the stranger key, "other-iss" and "other-sub" name another
//       client in that claim, "no-jti" leaves the jti out.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as jose from 'jose';
import { signAssertion } from './assertion.mjs';

const [command, dir, ...rest] = process.argv.slice(2);

async function pair(alg, kid) {
  const options = alg === 'RS384' ? { modulusLength: 2048, extractable: true } : { extractable: true };
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, options);
  const pub = { ...(await jose.exportJWK(publicKey)), kid, alg, use: 'sig' };
  const priv = { ...(await jose.exportJWK(privateKey)), kid, alg };
  return { pub, priv };
}

if (command === 'keys') {
  mkdirSync(dir, { recursive: true });
  const rs = await pair('RS384', 'rs384');
  const es = await pair('ES384', 'es384');
  const stranger = await pair('RS384', 'rs384');
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [rs.pub, es.pub] }));
  writeFileSync(join(dir, 'private.json'), JSON.stringify({ RS384: rs.priv, ES384: es.priv }));
  writeFileSync(join(dir, 'stranger.json'), JSON.stringify({ RS384: stranger.priv }));
} else if (command === 'sign') {
  const [alg, client, aud, exp, jti, variant] = rest;
  const known = [undefined, 'stranger', 'other-iss', 'other-sub', 'no-jti'];
  if (!known.includes(variant)) {
    console.error(`unknown variant ${variant}`);
    process.exit(2);
  }
  const other = 'f'.repeat(32);
  const file = variant === 'stranger' ? 'stranger.json' : 'private.json';
  const jwk = JSON.parse(readFileSync(join(dir, file), 'utf8'))[alg];
  const jwt = await signAssertion(jwk, alg, {
    iss: variant === 'other-iss' ? other : client,
    sub: variant === 'other-sub' ? other : client,
    aud,
    exp: Number(exp),
    jti: variant === 'no-jti' ? undefined : jti,
  });
  process.stdout.write(jwt);
} else {
  console.error('usage: node jwt.mjs keys DIR | sign DIR ALG CLIENT AUD EXP JTI [VARIANT]');
  process.exit(2);
}
