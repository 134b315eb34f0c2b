// Gatecheck's `hmac` gateway marker, signed by nginx: an RFC 9421 HTTP Message Signature (hmac-sha256) over
// the method, the path and query exactly as nginx forwards them, and the identity headers nginx sets.
//
// One js_set (`sign`) computes `created` and the MAC together, so the two headers always agree; nginx caches a
// js_set variable for the request, and two `map`s split its value into Signature-Input and Signature.
//
// Environment (listed with `env` in nginx.conf, or nginx hides it from the workers):
//   GATEWAY_HMAC_SECRET  base64 of at least 32 random bytes; the application holds the same bytes
//                        (gatecheck.gateway.hmac.keys=<keyid>:<the same base64>)
//   GATEWAY_HMAC_KEYID   the key id the application knows the secret by (default gw-1)
//
// nginx forwards identity headers only when this signed them (see nginx.conf): when a value cannot be signed
// faithfully (empty subject, non-ASCII, control characters, a comma in the subject or org), nothing is signed,
// nothing is forwarded, and the application sees an anonymous request (a 401 on its protected routes).

const crypto = require('crypto');

const LABEL = 'gw';
// The identity headers, each with the nginx variable holding its value: the user auth_basic verified and the
// directory maps of nginx.conf. Every header sent must be covered, and one not sent (empty) must not be.
const IDENTITY = [
    ['x-user-id', 'remote_user'],
    ['x-user-org', 'gw_org'],
    ['x-user-roles', 'gw_roles'],
];
// Visible ASCII, single inner spaces allowed, nothing to trim: the bytes nginx sends are the characters any
// servlet container decodes, whatever charset it assumes (most assume ISO-8859-1, a UTF-8 signer would disagree).
const PRINTABLE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const KEYID = /^[A-Za-z0-9._-]+$/;

function key(r) {
    // Decoded to bytes, the same bytes the application's base64 key holds; strict (no URL alphabet, no junk).
    const encoded = (process.env.GATEWAY_HMAC_SECRET || '').trim();
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length < 32 || bytes.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
        r.error('gatecheck-sign: GATEWAY_HMAC_SECRET must be base64 of at least 32 bytes; not signing');
        return null;
    }
    return bytes;
}

// The value of the `$gw_signed` variable: "<Signature-Input value>|<Signature value>", or "" when nothing may
// be signed (then nginx sends neither the signature nor any identity header).
function sign(r) {
    const secret = key(r);
    const keyid = process.env.GATEWAY_HMAC_KEYID || 'gw-1';
    if (secret === null) {
        return '';
    }
    if (!KEYID.test(keyid)) {
        r.error('gatecheck-sign: GATEWAY_HMAC_KEYID must be letters, digits, . _ -; not signing');
        return '';
    }
    // The request target exactly as the client sent it, which is what nginx forwards (proxy_pass without a URI
    // part, no rewrite) and what the application reads as the raw request URI.
    const target = r.variables.request_uri;
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.substring(0, q);
    const query = q < 0 ? '?' : target.substring(q);

    const covered = ['"@method"', '"@path"', '"@query"'];
    const lines = ['"@method": ' + r.method, '"@path": ' + path, '"@query": ' + query];
    for (let i = 0; i < IDENTITY.length; i++) {
        const header = IDENTITY[i][0];
        const value = r.variables[IDENTITY[i][1]] || '';
        if (value === '') {
            if (header === 'x-user-id') {
                return ''; // no authenticated subject: nothing to vouch for
            }
            continue; // nginx omits a header set to "", so it must not be covered
        }
        if (!PRINTABLE.test(value) || (header !== 'x-user-roles' && value.indexOf(',') >= 0)) {
            r.error('gatecheck-sign: ' + header + ' is not printable ASCII (or holds a comma); not signing');
            return '';
        }
        covered.push('"' + header + '"');
        lines.push('"' + header + '": ' + value);
    }
    const created = Math.floor(Date.now() / 1000);
    const params = '(' + covered.join(' ') + ');created=' + created + ';keyid="' + keyid + '";alg="hmac-sha256"';
    lines.push('"@signature-params": ' + params);
    const mac = crypto.createHmac('sha256', secret).update(lines.join('\n')).digest('base64');
    return LABEL + '=' + params + '|' + LABEL + '=:' + mac + ':';
}

export default { sign };
