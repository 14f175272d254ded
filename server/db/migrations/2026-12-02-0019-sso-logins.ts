// Issue 16 §3 (single sign-on): a sign-in that left for a provider (OpenID Connect, WeCom, DingTalk,
// Feishu) and has not come back yet. Keyed by the hash of its state (the browser holds the state in
// a short-lived HTTP-only cookie); the nonce and the PKCE verifier stay here, and the row is deleted
// when the provider sends the browser back, so a state works once.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table sso_logins (
    state_hash text primary key,
    method text not null check (method in ('oidc', 'wecom', 'dingtalk', 'feishu')),
    nonce text,
    code_verifier text,
    created_at timestamptz not null,
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create index sso_logins_expiry on sso_logins (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists sso_logins`.execute(db);
}
