/**
 * What a pinned verification key in a topology is: a PEM public key Vault can verify tokens with,
 * and which JWT algorithms can use it. Private keys and certificates are recognised by their PEM
 * label before any parsing, so a pasted private key is refused with a message that says so
 * (Node would happily derive a public key from it) and its contents never reach an error text.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JwtAlgorithm } from '../vault/jwt';
import type { Problem } from './urls';
import { own } from '../vault/own';

export type PublicKeyKind =
  | { readonly kind: 'rsa'; readonly bits: number }
  | { readonly kind: 'rsa-pss'; readonly bits: number }
  | { readonly kind: 'ec'; readonly curve: 'P-256' | 'P-384' | 'P-521' };

/** RSA keys shorter than this are breakable (NIST SP 800-57: 2048 bits minimum). */
export const MIN_RSA_BITS = 2048;

const PEM_BLOCK = /^-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END \1-----$/;
const CURVES: Readonly<Record<string, 'P-256' | 'P-384' | 'P-521'>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
const EXPORT_PUBLIC_KEY = 'give the public half in PEM ("-----BEGIN PUBLIC KEY-----"), e.g. `openssl pkey -in key.pem -pubout`';

type Inspected = { readonly key: PublicKeyKind } | { readonly problem: Problem };

export function inspectPublicKeyPem(pem: string): Inspected {
  const labels = [...pem.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1]);
  if (labels.some((label) => label.includes('PRIVATE KEY'))) {
    return {
      problem: {
        message: 'is a PRIVATE key',
        fix: `never put a private key in a topology (it ends up in Terraform state and in Vault's configuration); treat this one as leaked, rotate it, and ${EXPORT_PUBLIC_KEY}`,
      },
    };
  }
  if (labels.length === 0) {
    return { problem: { message: 'is not PEM (no "-----BEGIN PUBLIC KEY-----" line)', fix: EXPORT_PUBLIC_KEY } };
  }
  if (labels.length > 1) return { problem: { message: `holds ${labels.length} PEM blocks`, fix: 'give one key per entry, each with its own keyId' } };
  if (labels[0] === 'CERTIFICATE') {
    return { problem: { message: 'is a certificate, not a public key', fix: 'give its public key: `openssl x509 -in cert.pem -pubkey -noout`' } };
  }
  if (labels[0] !== 'PUBLIC KEY' && labels[0] !== 'RSA PUBLIC KEY') {
    return { problem: { message: `is a PEM "${labels[0]}", not a public key`, fix: EXPORT_PUBLIC_KEY } };
  }
  if (!PEM_BLOCK.test(pem.trim())) {
    return { problem: { message: 'is not a well-formed PEM block (text around it, or characters that are not base64)', fix: EXPORT_PUBLIC_KEY } };
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return { problem: { message: 'is not a valid public key (its contents do not decode)', fix: EXPORT_PUBLIC_KEY } };
  }
  return describeKey(key);
}

function describeKey(key: KeyObject): Inspected {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss': {
      const bits = details.modulusLength ?? 0;
      if (bits < MIN_RSA_BITS) {
        return { problem: { message: `is a ${bits}-bit RSA key`, fix: `use an RSA key of at least ${MIN_RSA_BITS} bits, or an EC P-256 key` } };
      }
      return { key: { kind: key.asymmetricKeyType, bits } };
    }
    case 'ec': {
      const curve = own(CURVES, details.namedCurve ?? '');
      if (curve === undefined) {
        return { problem: { message: `is an EC key on curve ${details.namedCurve ?? 'unknown'}`, fix: 'JWT ES256/ES384/ES512 use P-256, P-384 or P-521 keys' } };
      }
      return { key: { kind: 'ec', curve } };
    }
    default:
      return {
        problem: {
          message: `is a ${key.asymmetricKeyType ?? 'unknown'} key`,
          fix: "Vault's resource-server profiles verify RSA and EC (P-256, P-384, P-521) keys only",
        },
      };
  }
}

/** The algorithms that verify signatures made with `key`. */
export function algorithmsForKey(key: PublicKeyKind): readonly JwtAlgorithm[] {
  switch (key.kind) {
    case 'rsa':
      return ['PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec':
      return key.curve === 'P-256' ? ['ES256'] : key.curve === 'P-384' ? ['ES384'] : ['ES512'];
  }
}

export function describeKeyKind(key: PublicKeyKind): string {
  return key.kind === 'ec' ? `an EC ${key.curve} key` : `a ${key.bits}-bit ${key.kind === 'rsa' ? 'RSA' : 'RSA-PSS'} key`;
}
