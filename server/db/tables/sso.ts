// Single sign-on: sign-ins waiting for their provider's answer.
import type { Timestamp } from './columns.js';

export interface SsoLoginsTable {
  /** sha256 (hex) of the state the browser carries; the state itself is never stored. */
  state_hash: string;
  method: 'oidc' | 'wecom' | 'dingtalk' | 'feishu';
  nonce: string | null;
  code_verifier: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}
