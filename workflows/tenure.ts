// One customer tenure: its state and the commands on it (README "How the guarantees are kept").
// customer-lifecycle.ts wires each update to the method of the same name; commands run one at a
// time under the tenure's lock, so a follow-up and the deadline can never both decide.
import { ActivityFailure, condition, log, patched, sleep, uuid4, workflowInfo } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { OwnershipResult } from '../schemas/customers.js';
import { ErrorCode } from '../schemas/error-codes.js';
import { refuse, unwrap } from './refusals.js';
import type { TenureActivities } from './tenure-activities.js';
import { applyOwnership, reassignedState, releasedResult } from './tenure-state.js';
import { watchApproval } from './tenure-timers.js';
import {
  CLAIM_IN_PROGRESS,
  TENURE_CLOSED,
  type AssignInput,
  type ClaimInput,
  type CommandBound,
  type LifecycleState,
  type TenureCommand,
  type TenureInput,
  type TenureResult,
} from './shared.js';

/** The longest a command waits for the tenure's lock, whatever its caller's bound. */
const MAX_LOCK_WAIT_MS = 8000;

export type TenureHandlers = { [K in TenureCommand]: (i: TenureInput<K>) => Promise<TenureResult<K>> };

export class Tenure implements TenureHandlers {
  readonly lock = new Mutex();
  readonly workflowId = workflowInfo().workflowId;
  /** Claims and assignments that reached their handler; a run no claim reached ends after a while. */
  claimsSeen = 0;
  private claiming = false;
  /** Set by a reassignment: the next tenure's state, continued as a new run. */
  nextCarry: LifecycleState | null = null;

  /** `bounded`: commands wait for the lock only as long as their caller waits (runs started by this code). */
  constructor(
    readonly state: LifecycleState,
    readonly acts: TenureActivities,
    private readonly bounded: boolean,
  ) {}

  /** What each command needs of the tenure, checked by its validator and again by its handler. */
  private readonly guards: { [K in TenureCommand]: (i: TenureInput<K>) => unknown } = {
    // A collaborator's follow-up needs an owned tenure; the activity checks the collaboration.
    recordFollowUp: (i) => (i.actorRole ? this.owned() : this.assertOwner(i.repId)),
    release: () => this.assertOpen(),
    moveStage: () => this.owned(),
    submitQuote: () => this.owned(),
    decideApproval: () => this.assertOpen(),
    markWon: () => this.owned(),
    setKey: () => this.owned(),
    reassign: () => this.owned(),
    absorb: () => this.assertOpen(),
  };

  /** An update's validator (run when it arrives, never replayed). */
  validate<K extends TenureCommand>(command: K, i: TenureInput<K>): void {
    this.assertFresh(i);
    this.assertExpectedOwner(i);
    this.guards[command](i);
  }

  /** A claim's or an assignment's validator: concurrent ones are refused at once (no queue). */
  validateTake(i: ClaimInput): void {
    if (typeof i.repId !== 'string' || i.repId.length === 0) throw new Error('repId is required');
    this.assertFresh(i);
    this.assertClaimable(i.repId);
    if (this.claiming) refuse(CLAIM_IN_PROGRESS, 'Another claim of this customer is being decided; try again.');
  }

  nextKey(): string {
    return `${this.workflowId}/${this.state.tenureId}/${++this.state.seq}`;
  }

  apply(r: OwnershipResult): void {
    applyOwnership(this.state, r);
  }

  /** Refuses a command whose caller has stopped waiting (checked in validators: never replayed). */
  private assertFresh(i: CommandBound): void {
    if (i.expiresAt !== undefined && Date.now() > i.expiresAt) {
      refuse(ErrorCode.TEMPORARILY_UNAVAILABLE, 'The command arrived after its caller stopped waiting; nothing was changed. Try again.');
    }
  }

  /** Checked again under the lock by the commands that end a run: a reassignment queued ahead may have changed the owner. */
  private assertExpectedOwner(i: CommandBound): void {
    if (i.expectOwnerId !== undefined && this.state.ownerId !== i.expectOwnerId) {
      refuse(ErrorCode.NOT_OWNER, 'This customer changed hands meanwhile; nothing was changed.', { customerId: this.state.customerId, expectedOwnerId: i.expectOwnerId });
    }
  }

  private assertOpen(): void {
    if (this.state.ended) refuse(TENURE_CLOSED, 'This tenure is closing; try again.');
  }

  private assertClaimable(repId: string): void {
    this.assertOpen();
    const { ownerId, customerId } = this.state;
    if (ownerId) {
      refuse(ErrorCode.CUSTOMER_OWNED, ownerId === repId ? 'You already own this customer.' : 'Another rep already owns this customer.', {
        customerId,
        ownedByYou: ownerId === repId,
      });
    }
  }

  private assertOwner(repId: string): void {
    this.assertOpen();
    if (!this.state.ownerId || this.state.ownerId !== repId) {
      refuse(ErrorCode.NOT_OWNER, 'Only the current owner can do this.', { customerId: this.state.customerId });
    }
  }

  /** The owner id the API expects, so a command never lands on a tenure that changed hands. */
  private owned() {
    this.assertOpen();
    const { customerId, tenureId, ownerId } = this.state;
    if (!ownerId) refuse(ErrorCode.NOT_OWNER, 'Nobody owns this customer now.', { customerId });
    return { customerId, tenureId, ownerId };
  }

  /**
   * Runs a command under the tenure's lock. While another command holds it, the command waits
   * until its caller's bound at most, then is refused (nothing changed) rather than run late.
   */
  private async exclusive<T>(i: CommandBound, work: () => Promise<T>): Promise<T> {
    if (!this.bounded || !this.lock.isLocked()) return this.lock.runExclusive(work);
    const wait = Math.min(MAX_LOCK_WAIT_MS, (i.expiresAt ?? Number.POSITIVE_INFINITY) - Date.now());
    let release: (() => void) | null = null;
    const acquiring = this.lock.acquire().then((r) => {
      release = r;
    });
    if (wait <= 0 || !(await condition(() => release !== null, wait))) {
      // Our turn comes later; hand it straight on.
      void acquiring.then(() => release!());
      refuse(ErrorCode.TEMPORARILY_UNAVAILABLE, 'The customer is busy with another command; nothing was changed. Try again in a moment.');
    }
    try {
      return await work();
    } finally {
      release!();
    }
  }

  /** A command that applies the ownership its activity answers. */
  private change(i: CommandBound, run: () => Promise<OwnershipResult>): Promise<OwnershipResult> {
    return this.exclusive(i, async () => {
      const result = await unwrap(run());
      this.apply(result);
      return result;
    });
  }

  claim(i: ClaimInput): Promise<OwnershipResult> {
    return this.take(i, () => this.acts.claimCustomer({ customerId: this.state.customerId, tenureId: this.state.tenureId, idempotencyKey: this.nextKey(), repId: i.repId }));
  }

  /** The assignment rules give the customer to a rep (no daily limit; caps and cooldowns hold). */
  assign(i: AssignInput): Promise<OwnershipResult> {
    return this.take(i, () => this.acts.assignCustomer({ ...i, customerId: this.state.customerId, tenureId: this.state.tenureId, idempotencyKey: this.nextKey() }));
  }

  /** A claim or an assignment starts the tenure. */
  private async take(i: ClaimInput, run: () => Promise<OwnershipResult>): Promise<OwnershipResult> {
    this.claimsSeen++;
    this.claiming = true;
    try {
      return await this.change(i, () => {
        this.assertClaimable(i.repId);
        return run();
      });
    } finally {
      this.claiming = false;
    }
  }

  recordFollowUp(i: TenureInput<'recordFollowUp'>) {
    return this.change(i, () => {
      // Only commands sent by this code carry actorRole, so older histories never reach the patch.
      if (i.actorRole && patched('collaborator-follow-ups')) this.owned();
      else this.assertOwner(i.repId);
      return this.acts.recordFollowUp({ ...i, customerId: this.state.customerId, tenureId: this.state.tenureId, idempotencyKey: this.nextKey() });
    });
  }

  release({ actorId, reason, expiresAt, expectOwnerId, jobId }: TenureInput<'release'>) {
    return this.exclusive({ expiresAt }, async () => {
      this.assertOpen();
      this.assertExpectedOwner({ expectOwnerId });
      const { state } = this;
      if (!state.ownerId) refuse(ErrorCode.NOT_OWNER, 'Nobody owns this customer.', { customerId: state.customerId });
      const result = await unwrap(
        this.acts.releaseCustomer({ customerId: state.customerId, tenureId: state.tenureId, idempotencyKey: this.nextKey(), ownerId: state.ownerId, actorId, reason, ...(jobId ? { jobId } : {}) }),
      );
      state.ended = 'released';
      if (result) this.apply(result);
      return result ?? releasedResult(state, this.workflowId);
    });
  }

  moveStage(i: TenureInput<'moveStage'>) {
    return this.change(i, () => this.acts.moveStage({ ...this.owned(), ...i, idempotencyKey: this.nextKey() }));
  }

  submitQuote(i: TenureInput<'submitQuote'>) {
    return this.exclusive(i, async () => {
      const result = await unwrap(this.acts.submitQuote({ ...this.owned(), actorId: i.actorId, body: i.body, idempotencyKey: this.nextKey() }));
      this.apply(result.ownership);
      if (result.pending) watchApproval(this, result.pending);
      return { ownership: result.ownership, quote: result.quote };
    });
  }

  decideApproval(i: TenureInput<'decideApproval'>) {
    return this.exclusive(i, async () => {
      this.assertOpen();
      const result = await unwrap(this.acts.decideApproval(i));
      if (result.ownership) this.apply(result.ownership);
      if (this.state.approval?.quoteId === i.quoteId) this.state.approval = null;
      if (result.pending) watchApproval(this, result.pending);
      return { decided: result.decided, quote: result.quote, ownership: result.ownership };
    });
  }

  markWon(i: TenureInput<'markWon'>) {
    return this.exclusive(i, async () => {
      const result = await unwrap(this.acts.markWon({ ...this.owned(), ...i, idempotencyKey: this.nextKey() }));
      this.apply(result);
      // Won ends the tenure; the owner keeps a protected customer no deadline touches.
      this.state.ended = 'won';
      this.state.approval = null;
      return result;
    });
  }

  setKey(i: TenureInput<'setKey'>) {
    return this.change(i, () => this.acts.setKey({ ...this.owned(), ...i, idempotencyKey: this.nextKey() }));
  }

  reassign(i: TenureInput<'reassign'>) {
    return this.exclusive(i, async () => {
      this.assertExpectedOwner(i);
      const newTenureId = uuid4();
      const result = await unwrap(this.acts.reassign({ ...this.owned(), ...i, newTenureId, idempotencyKey: this.nextKey() }));
      // The new owner's tenure continues as a new run with the state the database now holds.
      this.nextCarry = reassignedState(this.state.customerId, newTenureId, result);
      this.state.ended = 'reassigned';
      return result;
    });
  }

  absorb(i: TenureInput<'absorb'>) {
    return this.exclusive(i, async () => {
      this.assertOpen();
      const { state } = this;
      const result = await unwrap(this.acts.absorb({ customerId: state.customerId, tenureId: state.tenureId, idempotencyKey: this.nextKey(), ...i }));
      state.ended = 'merged';
      state.ownerId = null;
      return result;
    });
  }

  /** A new reclaim policy was published: the deadline again, under the new rules. */
  async policyChanged(): Promise<void> {
    const { state } = this;
    // A signal handler must not fail (that would fail the workflow): retried a few times while the
    // database is away, then left at the deadline it has (logged).
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return await this.lock.runExclusive(async () => {
          if (state.ended || !state.ownerId) return;
          // Null when the database has moved past this tenure: nothing to apply (histories recorded
          // before carry a row there, which is applied as it was then).
          const result = await this.acts.redecideDeadline({ customerId: state.customerId, tenureId: state.tenureId, ownerId: state.ownerId, trigger: 'policy_change' });
          if (result) this.apply(result);
        });
      } catch (e) {
        if (!(e instanceof ActivityFailure)) throw e;
        log.warn('policy change not applied; retrying', { customerId: state.customerId, attempt, error: e.message });
        await sleep(Math.min(1000 * 2 ** attempt, 10_000));
      }
    }
  }
}
