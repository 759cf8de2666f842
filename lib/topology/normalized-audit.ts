/** The normalized audit trail (see normalized.ts): defaults applied, devices sorted by path, headers by name. */
import type { AuditDeviceType, AuditFormat, SocketType, SyslogFacility } from '../vault/audit';

/** Where a device writes. */
export type NormalizedAuditSink =
  | { readonly kind: 'file'; readonly filePath: string; readonly mode: string }
  | { readonly kind: 'socket'; readonly address: string; readonly socketType: SocketType }
  | { readonly kind: 'syslog'; readonly facility: SyslogFacility; readonly tag: string };

export interface NormalizedAuditDevice {
  /** sys/audit/<path>; unique. */
  readonly path: string;
  readonly type: AuditDeviceType;
  readonly description?: string;
  readonly local: boolean;
  readonly format: AuditFormat;
  readonly prefix?: string;
  readonly elideListResponses: boolean;
  readonly sink: NormalizedAuditSink;
}

export interface NormalizedAuditHeader {
  readonly name: string;
  readonly hmac: boolean;
}

export interface NormalizedAudit {
  /** The stack must hold an audit device (rule A2A-AUDIT-REQUIRED). */
  readonly required: boolean;
  /** Sorted by path. */
  readonly devices: readonly NormalizedAuditDevice[];
  /** Sorted by name (case-insensitively); the defaults when the topology lists none. */
  readonly requestHeaders: readonly NormalizedAuditHeader[];
}
