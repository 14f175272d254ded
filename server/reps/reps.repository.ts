// Reps and teams.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, Rep, TeamsTable } from '../db/database.js';
import { type CreateRepBody, type RepView, type UpdateRepBody, normalizeEmail } from '../../schemas/reps.js';
import type { Caps } from '../../rules/decide/outcomes.js';
import type { Decided } from '../decisions/decider.js';
import { patchColumns } from '../db/patch-columns.js';
import { AppError, ErrorCode } from '../errors.js';
import { deactivateRep } from './rep-deactivation.js';
import { hasSignedUp } from '../auth/credentials.repository.js';
import { type IssueCode, type IssueParams, invalidRequest } from '../request-issues.js';

/** Whether a rep has signed up (a password, or a sign-in by any method), and until when their sign-in is locked (rep_credentials). */
export interface SignInState {
  signedUp: boolean;
  lockedUntil: Date | null;
}

export function toRepView(r: Rep, caps: Decided<Caps>, signIn: SignInState, now: Date): RepView {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    teamId: r.team_id,
    timeZone: r.time_zone,
    active: r.active,
    hiredAt: r.hired_at,
    tags: r.tags,
    mobile: r.mobile,
    wecomUserId: r.wecom_user_id,
    dingtalkUserId: r.dingtalk_user_id,
    feishuUserId: r.feishu_user_id,
    caps: {
      privateMax: caps.outcome.privateMax,
      keyMax: caps.outcome.keyMax,
      dailyClaimMax: caps.outcome.dailyClaimMax,
      rule: caps.outcome.rule,
      ruleSetVersion: caps.ruleSet?.version ?? null,
    },
    signedUp: signIn.signedUp,
    lockedUntil: signIn.lockedUntil && signIn.lockedUntil > now ? signIn.lockedUntil.toISOString() : null,
    createdAt: r.created_at.toISOString(),
  };
}

export async function insertRep(db: Kysely<Database>, id: string, body: CreateRepBody, now: Date): Promise<Rep> {
  return db
    .insertInto('reps')
    .values({
      id,
      name: body.name,
      email: normalizeEmail(body.email),
      role: body.role,
      team_id: body.teamId ?? null,
      time_zone: body.timeZone,
      active: body.active,
      hired_at: body.hiredAt ?? now.toISOString().slice(0, 10),
      tags: body.tags,
      mobile: body.mobile ?? null,
      wecom_user_id: body.wecomUserId ?? null,
      dingtalk_user_id: body.dingtalkUserId ?? null,
      feishu_user_id: body.feishuUserId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const repColumns = {
  name: 'name',
  role: 'role',
  teamId: 'team_id',
  timeZone: 'time_zone',
  active: 'active',
  hiredAt: 'hired_at',
  tags: 'tags',
  mobile: 'mobile',
  wecomUserId: 'wecom_user_id',
  dingtalkUserId: 'dingtalk_user_id',
  feishuUserId: 'feishu_user_id',
} as const satisfies { [K in keyof Required<UpdateRepBody>]: keyof Rep };

/** Changes the fields the body names, and only those; `by`: who changes them (a deactivation is deactivateRep's: collaborations end in their name, sessions and open links end). */
export async function updateRep(tx: Transaction<Database>, id: string, body: UpdateRepBody, now: Date, by: string) {
  if (body.active === false || (body.role !== undefined && body.role !== 'admin')) await keepAnAdmin(tx, id, body.active === false ? '/active' : '/role');
  const rep = await tx
    .updateTable('reps')
    .set({ ...(patchColumns(body, repColumns) as Partial<Rep>), updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (rep && body.active === false) await deactivateRep(tx, rep.id, by, now);
  // A manager who left a team, or is no manager any more, no longer manages it.
  if (rep) await tx.updateTable('teams').set({ manager_id: null }).where('manager_id', '=', rep.id).where((eb) => (rep.role === 'manager' && rep.team_id !== null ? eb('id', '<>', rep.team_id) : eb.lit(true))).execute();
  return rep;
}

/** The reps of these teams. */
export async function teamMembers(db: Kysely<Database>, teamIds: readonly string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  return (await db.selectFrom('reps').select('id').where('team_id', 'in', [...teamIds]).execute()).map((r) => r.id);
}

/** The teams a rep manages. */
export async function teamsManagedBy(db: Kysely<Database>, repId: string): Promise<string[]> {
  return (await db.selectFrom('teams').select('id').where('manager_id', '=', repId).execute()).map((t) => t.id);
}

/**
 * Makes a rep the team's manager (null: none). A team's manager is one of its own managers, so the
 * team they approve and decide for is the team they see: a manager of no team joins it; a rep, an
 * inactive rep or a manager of another team is refused at `/managerId`.
 */
export async function setTeamManager(tx: Transaction<Database>, teamId: string, managerId: string | null): Promise<void> {
  if (managerId !== null) {
    const refuse = (code: IssueCode, params: IssueParams) => invalidRequest('body', [{ pointer: '/managerId', code, params }]);
    const rep = await tx.selectFrom('reps').select(['id', 'role', 'active', 'team_id']).where('id', '=', managerId).forUpdate().executeTakeFirst();
    if (!rep) throw refuse('unknown', { what: 'rep', id: managerId });
    if (!rep.active) throw refuse('manager_inactive', { id: managerId });
    if (rep.role !== 'manager') throw refuse('manager_role', { id: managerId, role: rep.role });
    if (rep.team_id !== null && rep.team_id !== teamId) throw refuse('manager_other_team', { id: managerId, team: rep.team_id });
    if (rep.team_id === null) await tx.updateTable('reps').set({ team_id: teamId }).where('id', '=', managerId).execute();
  }
  await tx.updateTable('teams').set({ manager_id: managerId }).where('id', '=', teamId).execute();
}

/**
 * Refuses to deactivate or demote the last active admin (nobody could undo it through the API).
 * The active admins are locked, so two admins removing each other at once are decided in turn.
 */
export async function keepAnAdmin(tx: Transaction<Database>, repId: string, pointer: string): Promise<void> {
  const admins = await tx.selectFrom('reps').select('id').where('role', '=', 'admin').where('active', '=', true).orderBy('id').forUpdate().execute();
  if (admins.length === 1 && admins[0]!.id === repId) {
    throw new AppError(ErrorCode.LAST_ADMIN, `${repId} is the last active admin; make another rep an admin first.`, { pointer, repId });
  }
}

export async function findRep(db: Kysely<Database>, id: string) {
  return db.selectFrom('reps').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listReps(db: Kysely<Database>, filter: { teamId?: string | null }) {
  let q = db.selectFrom('reps').selectAll().orderBy('created_at').orderBy('id');
  if (filter.teamId !== undefined) q = q.where('team_id', filter.teamId === null ? 'is' : '=', filter.teamId);
  return q.execute();
}

export async function teamExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The rep row, locked for the transaction; a refusal if it does not exist. Lock reps before customers. */
export async function lockRep(tx: Transaction<Database>, repId: string): Promise<Rep> {
  const rep = await tx.selectFrom('reps').selectAll().where('id', '=', repId).forUpdate().executeTakeFirst();
  if (!rep) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${repId} does not exist.`, { repId });
  return rep;
}

/** The rep row (it must exist: an owner, approver or actor the caller already knows). */
export function repRow(db: Kysely<Database>, repId: string): Promise<Rep> {
  return db.selectFrom('reps').selectAll().where('id', '=', repId).executeTakeFirstOrThrow();
}

export async function insertTeam(db: Kysely<Database>, team: Insertable<TeamsTable>) {
  return db.insertInto('teams').values(team).returningAll().executeTakeFirstOrThrow();
}

export async function listTeams(db: Kysely<Database>) {
  return db.selectFrom('teams').selectAll().orderBy('name').execute();
}

/** The sign-in state of each rep named (a rep without credentials has not signed up and is not locked). */
export async function signInStates(db: Kysely<Database>, repIds: readonly string[]): Promise<Map<string, SignInState>> {
  const rows = repIds.length ? await db.selectFrom('rep_credentials').select(['rep_id', 'password_hash', 'last_signed_in_at', 'locked_until']).where('rep_id', 'in', repIds).execute() : [];
  const states = new Map(rows.map((r) => [r.rep_id, { signedUp: hasSignedUp(r), lockedUntil: r.locked_until }]));
  for (const id of repIds) if (!states.has(id)) states.set(id, { signedUp: false, lockedUntil: null });
  return states;
}
