// Gatecheck's `hmac` gateway marker, signed by nginx: an RFC 9421 HTTP Message Signature (hmac-sha256) over
// the method, the Host nginx sends upstream (@authority), the path and query exactly as nginx forwards them, the
// body's RFC 9530 Content-Digest, and the identity headers nginx sets. The application requires the host and the
// digest (gatecheck.gateway.hmac.components=@authority,content-digest) and checks the digest against the body
// it receives, so a captured request cannot be replayed with another body or for another host.
//
// One js_set (`sign`) computes `created`, the digest and the MAC together, so the headers always agree; nginx
// caches a js_set variable for the request, and three `map`s split its value into Signature-Input, Signature and
// Content-Digest. nginx evaluates it when it builds the upstream request, after it has read the whole body.
//
// Environment (listed with `env` in nginx.conf, or nginx hides it from the workers):
//   GATEWAY_HMAC_SECRET  base64 of at least 32 random bytes; the application holds the same bytes
//                        (gatecheck.gateway.hmac.keys=<keyid>:<the same base64>)
//   GATEWAY_HMAC_KEYID   the key id the application knows the secret by (default gw-1)
//
// nginx forwards identity headers only when this signed them (see nginx.conf): when a value cannot be signed
// faithfully (empty subject, non-ASCII, control characters, a comma in the subject or org), or the body is not in
// memory to be hashed, nothing is signed, nothing is forwarded, and the application sees an anonymous request (a
// 401 on its protected routes).

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

// The body exactly as nginx forwards it, or null when it cannot be hashed: nginx.conf keeps a body up to
// client_max_body_size in one memory buffer (client_body_in_single_buffer); a request without a body has none.
function body(r) {
    const length = r.headersIn['Content-Length'];
    if ((length === undefined || length === '0') && r.headersIn['Transfer-Encoding'] === undefined) {
        return ''; // no body (njs has no buffer to read then)
    }
    const buffered = r.requestBuffer;
    if (buffered === undefined) {
        r.error('gatecheck-sign: the request body is not in one memory buffer; not signing');
        return null;
    }
    return buffered;
}

// The value of the `$gw_signed` variable: "<Signature-Input value>|<Signature value>|<Content-Digest value>", or
// "" when nothing may be signed (then nginx sends neither the signature nor any identity header).
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

    const content = body(r);
    if (content === null) {
        return '';
    }
    const digest = 'sha-256=:' + crypto.createHash('sha256').update(content).digest('base64') + ':';
    // $host: the host of an absolute-form target, else of the Host header, lower case; nginx.conf sends it as the
    // upstream Host and serves only its own server names.
    const authority = r.variables.host;

    const covered = ['"@method"', '"@authority"', '"@path"', '"@query"', '"content-digest"'];
    const lines = ['"@method": ' + r.method, '"@authority": ' + authority, '"@path": ' + path, '"@query": ' + query,
        '"content-digest": ' + digest];
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
    return LABEL + '=' + params + '|' + LABEL + '=:' + mac + ':|' + digest;
}

export default { sign };
