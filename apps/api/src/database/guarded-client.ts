import pg from 'pg';

/** Told once for each connection of the pool that broke (PostgreSQL restarted, a failover, a killed session). */
export type BrokenConnectionListener = (error: Error) => void;

/**
 * A `pg` client class for a pool whose every connection carries an `error` listener from birth.
 *
 * `pg-pool` listens for a connection's errors only while the connection sits idle in the pool;
 * one that is checked out (a TypeORM query runner's transaction, `withTransaction`, a COPY) has
 * no listener, so when PostgreSQL ends it — a restart, a failover, `pg_terminate_backend` — the
 * client's `error` event is unhandled and takes the whole process down (every sync the worker
 * was running included). With this listener the process lives: the statement in flight still
 * rejects with the error, later statements on that connection reject ("not queryable"), and the
 * pool discards the connection when it is released. `onBroken` hears about it (for the log).
 */
export function guardedClientClass(onBroken: BrokenConnectionListener = () => undefined): typeof pg.Client {
  return class GuardedClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      let told = false;
      this.on('error', (error: Error) => {
        if (told) return;
        told = true;
        onBroken(error);
      });
    }
  };
}
