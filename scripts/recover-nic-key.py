#!/usr/bin/env python3
"""Recover the RSA public key that signed a set of NIC tokens, from the tokens alone.

A maintenance tool, not part of the build or of CI: it produced the bare public keys in
resources/nic-certs/ (see the README there) because NIC's sandbox signing certificates were not
available to us. Run it again to check those files, or on other NIC-signed tokens.

    /usr/bin/python3 scripts/recover-nic-key.py --environment sandbox \
        --out /tmp/keys ../shared/fixtures/nic-sandbox-exchanges.json
    cmp /tmp/keys/nic-sandbox-2022.EDC57DE1358B300BA9F79340A6696831F3C85047.pub.pem \
        resources/nic-certs/nic-sandbox-2022.EDC57DE1358B300BA9F79340A6696831F3C85047.pub.pem

Needs gmpy2 (Debian: apt-get install python3-gmpy2; use /usr/bin/python3 so Debian's module is
found). About 1.5 minutes and 100 MB of memory per key on one core.

Why it works. NIC signs with RS256: s = EM(m)^d mod n, where EM(m) is the PKCS#1 v1.5 encoding of
the SHA-256 digest of "header.payload" and e = 65537. So s^e - EM(m) is a multiple of n for every
token signed with that key, and the gcd of that quantity over two or more tokens is n times a
small cofactor (usually 1), which trial division removes. The result is then checked: it must be
as long as the signatures and verify every token bearing that kid, or nothing is written.

The kid in NIC's JWT header is the SHA-1 thumbprint of the signing certificate, which the key alone
cannot reproduce; it is carried into the file name, with the environment you declare and the year
of the earliest IrnDt/AckDt the tokens carry.
"""
import argparse
import base64
import hashlib
import json
import re
import sys
from collections import defaultdict

try:
    import gmpy2
except ImportError:
    sys.exit('gmpy2 is missing: apt-get install python3-gmpy2 and run with /usr/bin/python3')

E = 65537
# DigestInfo prefix for SHA-256 (RFC 8017, section 9.2, note 1)
SHA256_DIGEST_INFO = bytes.fromhex('3031300d060960864801650304020105000420')
JWT = re.compile(r'eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+')
# Trial division bound for the cofactor left by the gcd.
SMALL_FACTORS = 100_000


def b64url(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def encoded_message(token, length):
    """EMSA-PKCS1-v1_5 encoding of the token's signing input, as an integer."""
    header, payload, _ = token.split('.')
    t = SHA256_DIGEST_INFO + hashlib.sha256(f'{header}.{payload}'.encode('ascii')).digest()
    em = b'\x00\x01' + b'\xff' * (length - len(t) - 3) + b'\x00' + t
    return int.from_bytes(em, 'big')


def signature(token):
    raw = b64url(token.split('.')[2])
    return int.from_bytes(raw, 'big'), len(raw)


def signed_year(token):
    """The year of the earliest date the token's data carries (IrnDt in a QR, AckDt in an invoice)."""
    try:
        data = json.loads(json.loads(b64url(token.split('.')[1]))['data'])
    except (ValueError, KeyError, TypeError):
        return None
    years = [str(data[k])[:4] for k in ('IrnDt', 'AckDt') if isinstance(data, dict) and re.match(r'^\d{4}-', str(data.get(k, '')))]
    return min(years) if years else None


def der_length(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(body)]) + body


def der(tag, body):
    return bytes([tag]) + der_length(len(body)) + body


def der_integer(v):
    body = v.to_bytes(v.bit_length() // 8 + 1, 'big')  # a leading zero byte keeps it positive
    return der(0x02, body)


def spki_pem(n, e):
    """SubjectPublicKeyInfo for rsaEncryption, as Node's createPublicKey and openssl read it."""
    rsa_key = der(0x30, der_integer(n) + der_integer(e))
    algorithm = der(0x30, der(0x06, bytes.fromhex('2a864886f70d010101')) + b'\x05\x00')
    spki = der(0x30, algorithm + der(0x03, b'\x00' + rsa_key))
    b64 = base64.b64encode(spki).decode('ascii')
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return '-----BEGIN PUBLIC KEY-----\n' + '\n'.join(lines) + '\n-----END PUBLIC KEY-----\n'


def recover(tokens, log):
    """The modulus that verifies every token, or None."""
    length = signature(tokens[0])[1]
    multiples = [gmpy2.mpz(signature(t)[0]) ** E - encoded_message(t, length) for t in tokens[:2]]
    g = gmpy2.gcd(*multiples)  # the slow step: two numbers of some 134 million bits each
    del multiples
    log(f'  gcd of two tokens: {g.bit_length()} bits')
    for token in tokens[2:4]:
        # g is small now: s^e mod g is all the next gcd needs
        g = gmpy2.gcd(g, gmpy2.powmod(signature(token)[0], E, g) - encoded_message(token, length))
        log(f'  with one more token: {g.bit_length()} bits')
    for p in range(2, SMALL_FACTORS):
        while g % p == 0 and g.bit_length() > length * 8:
            g //= p
    n = int(g)
    if n.bit_length() != length * 8:
        log(f'  no key: the gcd has {n.bit_length()} bits, the signatures {length * 8}')
        return None
    bad = [t for t in tokens if pow(signature(t)[0], E, n) != encoded_message(t, length)]
    if bad:
        log(f'  no key: {len(bad)} token(s) do not verify with the recovered modulus')
        return None
    return n


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('files', nargs='+', help='files holding NIC-signed JWTs (JSON exchanges, text)')
    parser.add_argument('--environment', required=True, choices=['sandbox', 'production'], help='which NIC system signed them (you know this; the tokens do not say)')
    parser.add_argument('--out', default='.', help='folder for the .pub.pem files')
    args = parser.parse_args()
    log = lambda text: print(text, file=sys.stderr, flush=True)

    by_kid = defaultdict(list)
    for path in args.files:
        with open(path, encoding='utf-8') as f:
            for token in JWT.findall(f.read()):
                header = json.loads(b64url(token.split('.')[0]))
                if header.get('alg') == 'RS256' and isinstance(header.get('kid'), str) and token not in by_kid[header['kid']]:
                    by_kid[header['kid']].append(token)
    failed = False
    for kid, tokens in sorted(by_kid.items()):
        log(f'kid {kid}: {len(tokens)} token(s)')
        if len(tokens) < 2:
            log('  skipped: two tokens signed with one key are needed')
            continue
        n = recover(tokens, log)
        if n is None:
            failed = True
            continue
        years = [y for y in map(signed_year, tokens) if y]
        name = f'nic-{args.environment}-{min(years)}.{kid.upper()}.pub.pem' if years else f'nic-{args.environment}.{kid.upper()}.pub.pem'
        with open(f'{args.out}/{name}', 'w', encoding='ascii') as f:
            f.write(spki_pem(n, E))
        log(f'  verifies all {len(tokens)} token(s): wrote {name}')
    sys.exit(1 if failed or not by_kid else 0)


if __name__ == '__main__':
    main()
