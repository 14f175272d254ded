// How long the server waits for Postgres: the bounds every pg connection gets, and their defaults.
/** Bounds on every wait for Postgres, in milliseconds (0: none); they keep a request under 15 s. */
export interface DatabaseTimeouts {
  /** Opening a connection, and waiting for a free one from the pool. */
  connectMs: number;
  /** Postgres cancels a statement running longer (SQLSTATE 57014). */
  statementMs: number;
  /** The client gives up on a query the server never answers (a stalled network); that connection is discarded. The embedded database: the longest wait for its one connection. */
  queryMs: number;
  /** Postgres ends a session idle inside a transaction, releasing the locks it held. */
  idleInTransactionMs: number;
  /** TCP keepalive probes start after this much silence, so a dead peer is noticed. */
  keepAliveDelayMs: number;
}

/**
 * A request meeting a dead database fails at its first wait: at most the connect bound (no free or
 * new connection) or the query bound (a stalled one), so it is answered well within 15 s.
 */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 8_000,
  queryMs: 10_000,
  idleInTransactionMs: 20_000,
  keepAliveDelayMs: 10_000,
};
