/** JSON values as they appear in a synthesized `cdk.tf.json`. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** CDKTF writes `"//"` keys with construct metadata next to real arguments: never configuration. */
export const METADATA_KEY = '//';
