/**
 * `AuditDevice`: a Vault audit device (`vault_audit`) that keeps a trail and never logs secrets.
 *
 * Every option is written out, so the configuration says what it means and drift shows:
 * `log_raw = "false"` (true would log tokens, secrets and passwords unhashed), `hmac_accessor =
 * "true"`, the format, and the sink's own settings. A file device never writes to "discard" and
 * never gives other users access to the file. The provider replaces a device on every change
 * (all its arguments are ForceNew), and a new device has a new HMAC salt: hashes written before
 * cannot be compared with sys/audit-hash afterwards.
 */
import { Audit } from '@cdktf/provider-vault/lib/audit';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { AUDIT_FORMATS, DEFAULT_AUDIT_FILE_MODE, SOCKET_TYPES, SYSLOG_FACILITIES, type AuditFormat, type SocketType, type SyslogFacility } from '../vault/audit';
import { checkMountPath } from './login-role';
import { terraformText } from './terraform-text';
import { Issues } from './validate';

export type AuditSink =
  | { readonly kind: 'file'; readonly filePath: string; readonly mode?: string }
  | { readonly kind: 'socket'; readonly address: string; readonly socketType?: SocketType }
  | { readonly kind: 'syslog'; readonly facility?: SyslogFacility; readonly tag?: string };

export interface AuditDeviceProps {
  /** sys/audit/<path>. */
  readonly path: string;
  readonly sink: AuditSink;
  readonly description?: string;
  /** Vault Enterprise: not replicated. Default false. */
  readonly local?: boolean;
  /** Default json. */
  readonly format?: AuditFormat;
  readonly prefix?: string;
  /** Default false. */
  readonly elideListResponses?: boolean;
  /** A vault provider without a namespace, when the stack's default provider has one. */
  readonly provider?: TerraformProvider;
}

export class AuditDevice extends Construct {
  readonly resource: Audit;
  /** The options as written (all strings, as Vault takes them). */
  readonly options: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: AuditDeviceProps) {
    super(scope, id);
    const issues = new Issues();
    checkMountPath(issues, 'path', props.path);
    const format = props.format ?? 'json';
    if (!(AUDIT_FORMATS as readonly string[]).includes(format)) issues.add(`format ${JSON.stringify(format)} must be json or jsonx`);
    for (const [field, text] of [['description', props.description], ['prefix', props.prefix]] as const) {
      // eslint-disable-next-line no-control-regex
      if (text !== undefined && /[\u0000-\u001f\u007f]/.test(text)) issues.add(`${field} must be one line of text`);
    }
    const sinkOptions = sinkOptionsOf(issues, props.sink);
    issues.throwIfAny(this);

    this.options = {
      format,
      hmac_accessor: 'true',
      log_raw: 'false',
      elide_list_responses: String(props.elideListResponses ?? false),
      ...(props.prefix !== undefined ? { prefix: terraformText(props.prefix) } : {}),
      ...sinkOptions,
    };
    this.resource = new Audit(this, 'Default', {
      type: props.sink.kind,
      path: props.path,
      local: props.local ?? false,
      options: this.options,
      ...(props.description !== undefined ? { description: terraformText(props.description) } : {}),
      ...(props.provider ? { provider: props.provider } : {}),
    });
  }
}

function sinkOptionsOf(issues: Issues, sink: AuditSink): Record<string, string> {
  switch (sink.kind) {
    case 'file': {
      const mode = sink.mode ?? DEFAULT_AUDIT_FILE_MODE;
      if (sink.filePath === 'discard') issues.add('sink.filePath "discard" keeps no audit trail; write to a file or "stdout"');
      else if (sink.filePath !== 'stdout' && !/^\/\S*[^/\s]$/.test(sink.filePath)) issues.add(`sink.filePath ${JSON.stringify(sink.filePath)} must be an absolute path or "stdout"`);
      if (!/^0[0-7]{3}$/.test(mode)) issues.add(`sink.mode ${JSON.stringify(mode)} must be a file mode such as "0600"`);
      else if (!mode.endsWith('0')) issues.add(`sink.mode ${JSON.stringify(mode)} gives every user on the Vault host access to the audit log; use "0600" or "0640"`);
      return { file_path: terraformText(sink.filePath), mode };
    }
    case 'socket': {
      const socketType = sink.socketType ?? 'tcp';
      if (!(SOCKET_TYPES as readonly string[]).includes(socketType)) issues.add(`sink.socketType ${JSON.stringify(socketType)} must be tcp, udp or unix`);
      if (sink.address.trim() === '' || /\s/.test(sink.address)) issues.add('sink.address must be host:port (or a unix socket path)');
      return { address: terraformText(sink.address), socket_type: socketType };
    }
    case 'syslog': {
      const facility = sink.facility ?? 'AUTH';
      const tag = sink.tag ?? 'vault';
      if (!(SYSLOG_FACILITIES as readonly string[]).includes(facility)) issues.add(`sink.facility ${JSON.stringify(facility)} is not a syslog facility`);
      if (!/^[A-Za-z0-9._-]{1,32}$/.test(tag)) issues.add(`sink.tag ${JSON.stringify(tag)} must be letters, digits, ".", "_" and "-"`);
      return { facility, tag };
    }
  }
}
