/**
 * Fixed public keys for registry tests (generated once with openssl; the private halves were
 * discarded). Fixed, not generated per run, so synthesized output can be compared byte for byte.
 */

/** EC P-256 (ES256). */
export const EC_P256 = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAETSpOMfgJnf4xtLhEYbwc4tZFqRGQ
DF22vcSru44g9UQY8hXt1Fj8FyKS2i2xPQHqcWySWeztAEys34nInzbB8Q==
-----END PUBLIC KEY-----
`;

/** EC P-384 (ES384). */
export const EC_P384 = `-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE+tgLtXgt7v6VbUVhZGAHdIJp1Cyucj5L
pYNCLzlsB95yukjwyw/qLViy1Fjq3ujMkgQqzDTF+vHCS9kjQzC7ud4vX1rBqWG7
g6eyhvapcLUZLmnK4Z+Cl5j0bWY7TNR6
-----END PUBLIC KEY-----
`;

/** RSA 2048, SPKI form. */
export const RSA_2048 = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnTXbNUIJrkscNwRr5pli
sLssesWipOFgvkS1HNyEi0Qku6Om1LsvNPYTACXzZzD8MGat9nH1Lvq5XlszEvMI
E0xCng0PWfYqk2ZaiBe/8bArQIRhr6b+b8fjx8TLFb755q4qMR7+FhHAWbaF3uIi
TYhqSEr8UOJdDcjU6X7WpIwQd1hJGlAHsfoLRms1IVpIyW6OccnrBgIhqRuQf3RI
lUW19K21HU/EaeYDXgmViBsOUTqxqKa8QKagdpiv50lVGLwnV7ClLG7ikMGYC6nl
MBJWEu0Labr8Fdpy5G9cxk/iG6OKTIubAf2GZ+wjkk4rrOEEYsOY+kgtyymdHPvz
6QIDAQAB
-----END PUBLIC KEY-----
`;

/** The same RSA 2048 key in PKCS#1 form ("RSA PUBLIC KEY"). */
export const RSA_2048_PKCS1 = `-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAnTXbNUIJrkscNwRr5plisLssesWipOFgvkS1HNyEi0Qku6Om1Lsv
NPYTACXzZzD8MGat9nH1Lvq5XlszEvMIE0xCng0PWfYqk2ZaiBe/8bArQIRhr6b+
b8fjx8TLFb755q4qMR7+FhHAWbaF3uIiTYhqSEr8UOJdDcjU6X7WpIwQd1hJGlAH
sfoLRms1IVpIyW6OccnrBgIhqRuQf3RIlUW19K21HU/EaeYDXgmViBsOUTqxqKa8
QKagdpiv50lVGLwnV7ClLG7ikMGYC6nlMBJWEu0Labr8Fdpy5G9cxk/iG6OKTIub
Af2GZ+wjkk4rrOEEYsOY+kgtyymdHPvz6QIDAQAB
-----END RSA PUBLIC KEY-----
`;

/** RSA 1024: too short. */
export const RSA_1024 = `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDCXuzrvqnbGgXxLQDuO7VO+bG9
ej6UAfb9zaJ7AWzS0lPXQ9zD7zVYkgaesYEvnxAVf8f+t/7JhoXm3OjRtAzi8h/6
0TxIaR/1rMFMkC2xeUUUcINg2Ld80C0iw9a+w02oB70rTF903kCokegELhbuB6O7
IYqgDcrGKNGJP7c4AQIDAQAB
-----END PUBLIC KEY-----
`;

/** Ed25519: not a JWT algorithm Vault profiles accept. */
export const ED25519 = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAuLXgcZ9GN+7PNVbvxy5uMfV82t9n6lWFh/6X9mscZOs=
-----END PUBLIC KEY-----
`;
