/**
 * Vault's audit devices and audited request headers: the vocabulary the topology, the constructs
 * and the checks share (Vault docs: audit/index.mdx "Common configuration options", audit/file,
 * audit/socket, audit/syslog; api-docs/system/config-auditing).
 */

export const AUDIT_DEVICE_TYPES = ['file', 'socket', 'syslog'] as const;
export type AuditDeviceType = (typeof AUDIT_DEVICE_TYPES)[number];

export const AUDIT_FORMATS = ['json', 'jsonx'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export const SOCKET_TYPES = ['tcp', 'udp', 'unix'] as const;
export type SocketType = (typeof SOCKET_TYPES)[number];

/** Syslog facilities Vault's syslog device accepts (go-syslog). */
export const SYSLOG_FACILITIES = [
  'AUTH',
  'AUTHPRIV',
  'DAEMON',
  'LOCAL0',
  'LOCAL1',
  'LOCAL2',
  'LOCAL3',
  'LOCAL4',
  'LOCAL5',
  'LOCAL6',
  'LOCAL7',
  'SYSLOG',
  'USER',
] as const;
export type SyslogFacility = (typeof SYSLOG_FACILITIES)[number];

/** The file device's default file mode: owner read/write only. */
export const DEFAULT_AUDIT_FILE_MODE = '0600';

/**
 * Headers Vault audits when the topology lists none: `User-Agent` (the software that made the
 * call) and `X-A2A-Agent` (the agent naming itself), both in plaintext so the log can be read.
 */
export const DEFAULT_AUDITED_HEADERS: readonly { readonly name: string; readonly hmac: boolean }[] = [
  { name: 'User-Agent', hmac: false },
  { name: 'X-A2A-Agent', hmac: false },
];

/** The header agents name themselves in (see docs/audit.md). */
export const AGENT_HEADER = 'X-A2A-Agent';

/**
 * Headers that carry credentials: audited, they must be HMAC'd, or the log holds every token,
 * password and cookie that passes (Vault audits a configured header verbatim unless hmac = true).
 */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-vault-token']);

/** An HTTP header name (RFC 9110 token characters Vault and browsers use for header names). */
export const HEADER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/;
