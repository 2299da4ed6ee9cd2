// The client assertion (RFC 7523) a SMART backend services client signs, made with jose
// (npm), a JOSE library independent of the server's jsonwebtoken crate. One maker for
// jwt.mjs (the web test's assertions, right and wrong) and client-e2e.mjs (a real client's).
import * as jose from 'jose';

// Signs { iss, sub, aud, exp, jti } with the private JWK `jwk` (its `kid` goes in the
// header). `exp` is Unix seconds or a jose time span such as '4m'; an undefined `jti` is
// left out.
export async function signAssertion(jwk, alg, { iss, sub, aud, exp, jti }) {
  return new jose.SignJWT(jti === undefined ? {} : { jti })
    .setProtectedHeader({ alg, kid: jwk.kid, typ: 'JWT' })
    .setIssuer(iss)
    .setSubject(sub)
    .setAudience(aud)
    .setExpirationTime(exp)
    .sign(await jose.importJWK(jwk, alg));
}
