/** The whole corpus, by category. */
import type { Equivalent, Widening } from '../types';
import { ATTACHMENT } from './attachment';
import { CLAIMS } from './claims';
import { DELEGATION } from './delegation';
import { EQUIVALENTS as GENERAL_EQUIVALENTS } from './equivalents';
import { EXACT_PATH } from './exact-path';
import { IDENTITY_EQUIVALENTS, IDENTITY_PROVIDER } from './identity-provider';
import { LOGIN_BINDING } from './login-binding';
import { MEMBERSHIP } from './membership';
import { TERRAFORM } from './terraform';

export const WIDENINGS: readonly Widening[] = [...EXACT_PATH, ...ATTACHMENT, ...LOGIN_BINDING, ...MEMBERSHIP, ...CLAIMS, ...TERRAFORM, ...DELEGATION, ...IDENTITY_PROVIDER];
export const EQUIVALENTS: readonly Equivalent[] = [...GENERAL_EQUIVALENTS, ...IDENTITY_EQUIVALENTS];
export type { Equivalent, Widening };
