// The embedded database has one connection, which its driver hands out in turn and lets wait
// without bound. A query made while that connection is held by a transaction that in turn waits
// on the query (directly, or through a workflow whose activity needs the database) would wait
// forever and stop every request behind it. Here a wait is bounded, as the pg pool bounds waiting
// for a free connection: past the bound it fails as a connection error (503
// DATABASE_UNAVAILABLE, retried by activities), and the holder goes on.
import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';

/** The message pg gives when waiting for a connection timed out (errors.ts knows it). */
const WAIT_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';

type Waiter = { resolve: (c: DatabaseConnection) => void; timer: NodeJS.Timeout | undefined };

class BoundedWaitDriver implements Driver {
  #held: DatabaseConnection | null = null;
  #waiting: Waiter[] = [];

  constructor(
    private readonly inner: Driver,
    private readonly waitMs: number,
  ) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held === null) {
      this.#held = await this.inner.acquireConnection();
      return this.#held;
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, timer: undefined };
      if (this.waitMs > 0) {
        waiter.timer = setTimeout(() => {
          this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
          reject(new Error(`${WAIT_TIMEOUT_MESSAGE}: the embedded database stayed busy for ${this.waitMs} ms`));
        }, this.waitMs);
      }
      this.#waiting.push(waiter);
    });
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const next = this.#waiting.shift();
    if (next) {
      // Handed straight on: the inner driver still sees it held.
      clearTimeout(next.timer);
      next.resolve(connection);
      return;
    }
    this.#held = null;
    await this.inner.releaseConnection(connection);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }

  destroy() {
    for (const w of this.#waiting.splice(0)) clearTimeout(w.timer);
    return this.inner.destroy();
  }
}

/** The dialect with its driver's waits for the one connection bounded to `waitMs` (0: unbounded). */
export function withBoundedWait(dialect: Dialect, waitMs: number): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new BoundedWaitDriver(dialect.createDriver(), waitMs),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
