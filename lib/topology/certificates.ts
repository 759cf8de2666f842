/**
 * The CA certificate file of a cert login: read relative to the topology file, and accepted only
 * when it holds PEM certificates and nothing else. A private key anywhere in the file is refused
 * before anything is parsed, and no error text ever quotes the file's contents.
 *
 * Node's X509Certificate (OpenSSL) parses each block; a certificate that is not a CA
 * (basicConstraints CA:FALSE) is refused too: Vault would then trust that one certificate as a
 * client, not the certificates it issues (builtin/credential/cert/path_login.go, trustedNonCAs).
 */
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import * as path from 'node:path';
import type { Problem } from './urls';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+?)-----END \1-----/g;
const EXPORT_CA = 'give the CA certificate in PEM ("-----BEGIN CERTIFICATE-----"), e.g. `openssl x509 -in ca.crt -outform PEM`';

export type CertificateRead = { readonly ok: true; readonly pem: string } | ({ readonly ok: false } & Problem);

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** The directory relative CA paths are read from: the topology file's, else the current one. */
export function topologyBaseDir(file: string | undefined): string {
  return file === undefined ? process.cwd() : path.dirname(path.resolve(file));
}

/** Reads and inspects `file` (relative to `baseDir`). */
export function readCaCertificate(baseDir: string, file: string): CertificateRead {
  let text: string;
  try {
    text = readFileSync(path.resolve(baseDir, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    return {
      ok: false,
      message: `cannot read the CA certificate ${JSON.stringify(file)}: ${READ_ERRORS[code] ?? (code || 'read error')}`,
      fix: "put the CA's PEM file there: the path is relative to the directory of the topology file",
    };
  }
  return inspectCaCertificatePem(text);
}

/** Certificates only, each a CA; returns the blocks joined with "\n", newline-terminated. */
export function inspectCaCertificatePem(text: string): CertificateRead {
  const labels = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1]!);
  if (labels.some((label) => label.includes('PRIVATE KEY'))) {
    return {
      ok: false,
      message: 'holds a PRIVATE key',
      fix: 'never let a topology name a private key (its file ends up next to the topology, and a mix-up puts it into Terraform state): treat this key as leaked, rotate it, and point caCertificate at a file with the CA certificate only',
    };
  }
  if (labels.length === 0) return { ok: false, message: 'is not PEM (no "-----BEGIN CERTIFICATE-----" line)', fix: EXPORT_CA };
  const other = labels.find((label) => label !== 'CERTIFICATE');
  if (other !== undefined) return { ok: false, message: `holds a PEM "${other}", not only certificates`, fix: EXPORT_CA };
  const blocks = [...text.replace(/\r\n/g, '\n').matchAll(BLOCK)].map((m) => m[0]);
  const outside = text.replace(/\r\n/g, '\n').replace(BLOCK, '').trim();
  if (blocks.length !== labels.length || outside !== '') {
    return { ok: false, message: 'is not well-formed PEM (text around the certificates, or characters that are not base64)', fix: EXPORT_CA };
  }
  for (const [i, block] of blocks.entries()) {
    const which = blocks.length > 1 ? `certificate ${i + 1} of ${blocks.length}` : 'the certificate';
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      return { ok: false, message: `${which} does not decode as an X.509 certificate`, fix: EXPORT_CA };
    }
    if (!cert.ca) {
      return {
        ok: false,
        message: `${which} (${cert.subject.replace(/\n/g, ', ')}) is not a CA certificate: Vault would trust that one certificate, not the ones its CA issues`,
        fix: 'give the certificate of the CA that issues the agent\'s client certificates (basicConstraints CA:TRUE)',
      };
    }
  }
  return { ok: true, pem: `${blocks.join('\n')}\n` };
}
