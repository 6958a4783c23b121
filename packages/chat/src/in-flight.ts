/**
 * Work in flight (requests, listeners, uploads after an acknowledgement): `idle()` waits for all of
 * it, so a channel stops cleanly and tests can tell when a request has been fully handled.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const forget = () => this.pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** Resolves once nothing is pending, work started meanwhile included; failures are the tracker's callers' business. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
