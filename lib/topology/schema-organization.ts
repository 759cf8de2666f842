/**
 * The schema of a topology *directory*: `org.yaml` (everything shared, plus where state lives and
 * how large a stack may grow) and one file per team under `teams/` (the team's agents, and the
 * Vault Enterprise namespace they live in). Shape only, like schema.ts; the loader
 * (directory.ts) merges the files into one topology and validates that as a whole.
 *
 * No backend field holds a credential: Terraform reads them from the environment
 * (`AWS_*`, `GOOGLE_*`, `ARM_*`, `TF_TOKEN_*`), and a topology is reviewed and committed.
 * `BACKEND_CREDENTIAL_FIELDS` lists the fields of cdktf's backend classes that would carry one;
 * the loader refuses them by name with the environment variable to use instead.
 */
import { z } from 'zod';
import { NAMESPACE_PATTERN, NAME_PATTERN, NAME_RULE } from './names';
import { Agent, Name, Topology } from './schema';

/** cdktf's default stack ceiling for the organization (the 5,000 resources per state). */
export const DEFAULT_MAX_RESOURCES = 5000;
/** Vault signs with one key per stack; a key allowing more clients than this is refused. */
export const MAX_KEY_CLIENTS = 1000;
export const MAX_SHARDS = 64;

const StateKeyPrefix = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, { error: 'must be a path such as "vault-a2a" or "platform/vault-a2a" (no leading or trailing "/")' });

export const LocalBackendSettings = z
  .strictObject({ type: z.literal('local') })
  .describe('Local state files, terraform.<stack>.tfstate next to the output directory (not inside cdktf.out). The default.');

export const S3BackendSettings = z
  .strictObject({
    type: z.literal('s3'),
    bucket: z.string().min(3).max(63).describe('The S3 bucket holding every stack\'s state.'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region such as "eu-central-1"' }).describe('AWS region of the bucket.'),
    keyPrefix: StateKeyPrefix.describe('State key prefix: each stack\'s state is <keyPrefix>/<stack>.tfstate.'),
    dynamodbTable: z.string().min(3).max(255).optional().describe('DynamoDB table for state locking (Terraform before 1.10).'),
    useLockfile: z.boolean().optional().describe('Lock with an S3 lock file next to the state (Terraform 1.10+); the alternative to dynamodbTable.'),
    kmsKeyId: z.string().optional().describe('KMS key ARN for server-side encryption of the state (a key id, not a secret).'),
  })
  .describe('Amazon S3. Credentials come from the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, …, or an instance role), never from the topology. State is always encrypted.');

export const GcsBackendSettings = z
  .strictObject({
    type: z.literal('gcs'),
    bucket: z.string().min(3).max(222).describe('The Google Cloud Storage bucket.'),
    prefix: StateKeyPrefix.describe('State prefix: each stack\'s state is under <prefix>/<stack>.'),
  })
  .describe('Google Cloud Storage. Credentials come from the environment (GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_OAUTH_ACCESS_TOKEN).');

export const AzurermBackendSettings = z
  .strictObject({
    type: z.literal('azurerm'),
    storageAccountName: z.string().regex(/^[a-z0-9]{3,24}$/, { error: 'must be an Azure storage account name (3–24 lowercase letters and digits)' }),
    containerName: z.string().regex(/^[a-z0-9](-?[a-z0-9]){2,62}$/, { error: 'must be an Azure blob container name' }),
    resourceGroupName: z.string().min(1).max(90).optional(),
    keyPrefix: StateKeyPrefix.describe('Each stack\'s state blob is <keyPrefix>/<stack>.tfstate.'),
    useAzureadAuth: z.boolean().optional().describe('Authenticate to the storage account with Microsoft Entra ID instead of an access key.'),
  })
  .describe('Azure Blob Storage. Credentials come from the environment (ARM_CLIENT_ID, ARM_USE_OIDC, ARM_ACCESS_KEY, …).');

export const CloudBackendSettings = z
  .strictObject({
    type: z.literal('cloud'),
    organization: z.string().regex(/^[A-Za-z0-9_-]+$/, { error: 'must be an HCP Terraform organization name' }),
    hostname: z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?$/, { error: 'must be a host name such as "app.terraform.io"' }).optional().describe('Terraform Enterprise host; default app.terraform.io.'),
    project: z.string().min(1).max(90).optional().describe('Project every workspace belongs to.'),
    workspacePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be letters, digits, "-" and "_"' })
      .describe('One workspace per stack, named <workspacePrefix><stack> with "." replaced by "-".'),
    tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9:_-]*$/, { error: 'must be a workspace tag: lowercase letters, digits, ":", "_" and "-"' })).optional().describe('Tags documented for every workspace (set them on the workspaces; runs select workspaces by name).'),
  })
  .describe('HCP Terraform / Terraform Enterprise: one workspace per stack. The token comes from `terraform login` or TF_TOKEN_<host>.');

export const BackendSettings = z
  .discriminatedUnion('type', [LocalBackendSettings, S3BackendSettings, GcsBackendSettings, AzurermBackendSettings, CloudBackendSettings])
  .describe('Where every stack keeps its Terraform state; one state per stack.');

export const StackSettings = z
  .strictObject({
    maxResources: z
      .number()
      .int()
      .min(100, { error: 'must be at least 100' })
      .max(50000, { error: 'must be at most 50000' })
      .optional()
      .describe(`Most resources one stack may hold. Default ${DEFAULT_MAX_RESOURCES}.`),
  })
  .describe('Limits of the stacks an organization is split into.');

/**
 * org.yaml: the topology without agents, plus `backend` and `stacks`. Derived from the topology
 * schema, so a field added there is allowed here too.
 */
export const OrganizationFile = Topology.omit({ agents: true })
  .extend({
    name: Name.optional().describe('Name of the organization: prefix of every stack name and signing key. Default "a2a".'),
    backend: BackendSettings.optional(),
    stacks: StackSettings.optional(),
  })
  .describe('org.yaml of a topology directory: what every team shares, and where state lives.');

/** teams/<team>.yaml: team = the file name. */
export const TeamFile = z
  .strictObject({
    namespace: z
      .string()
      .regex(NAMESPACE_PATTERN, { error: 'must be a Vault namespace path such as "payments" or "eu/payments"' })
      .optional()
      .describe("Vault Enterprise namespace of the team's objects, relative to vault.namespace of org.yaml."),
    shards: z
      .number()
      .int()
      .min(1, { error: 'must be at least 1' })
      .max(MAX_SHARDS, { error: `must be at most ${MAX_SHARDS}` })
      .optional()
      .describe('Stacks the team is split into, each agent by a stable hash of its name. Default 1. Changing it moves agents between stacks.'),
    agents: z.record(Name, Agent),
  })
  .describe("teams/<team>.yaml of a topology directory: the team's agents.");

export type OrganizationFileSpec = z.input<typeof OrganizationFile>;
export type TeamFileSpec = z.input<typeof TeamFile>;
export type BackendSpec = z.output<typeof BackendSettings>;

/** A team name is a topology name: it is part of stack and key names. */
export const TEAM_NAME_PATTERN = NAME_PATTERN;
export const TEAM_NAME_RULE = NAME_RULE;

/**
 * Fields of cdktf's backend classes (S3Backend, GcsBackend, AzurermBackend, CloudBackend; see
 * docs/vault-semantics.md I1) that hold a secret, with the environment variable Terraform reads
 * instead.
 */
export const BACKEND_CREDENTIAL_FIELDS: Readonly<Record<string, string>> = {
  accessKey: 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), ARM_ACCESS_KEY for azurerm',
  secretKey: 'AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)',
  token: 'AWS_SESSION_TOKEN for s3, TF_TOKEN_<host> or `terraform login` for cloud',
  sseCustomerKey: 'AWS_SSE_CUSTOMER_KEY',
  credentials: 'GOOGLE_APPLICATION_CREDENTIALS or GOOGLE_CREDENTIALS',
  accessToken: 'GOOGLE_OAUTH_ACCESS_TOKEN',
  encryptionKey: 'GOOGLE_ENCRYPTION_KEY',
  sasToken: 'ARM_SAS_TOKEN',
  clientSecret: 'ARM_CLIENT_SECRET',
  clientCertificatePassword: 'ARM_CLIENT_CERTIFICATE_PASSWORD',
  oidcToken: 'ARM_OIDC_TOKEN',
  oidcRequestToken: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN (set by the CI runner)',
  password: 'the backend\'s own environment variable',
};
