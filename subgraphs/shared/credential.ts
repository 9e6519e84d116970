/**
 * A login credential (session id, token) shared by every call of one API client:
 * one login however many calls wait for it, a failed login not kept, a new login
 * when the credential is stale, and on a 401 one new login and one retry — without
 * dropping a credential a concurrent call has already replaced.
 */
export class SharedCredential<T> {
  private current: Promise<T> | undefined;
  /** The resolved credential, so that freshness can be checked without waiting. */
  private value: T | undefined;

  constructor(
    private readonly login: () => Promise<T>,
    /** False when the credential should be renewed before use (e.g. close to expiry). */
    private readonly fresh: (credential: T) => boolean = () => true,
  ) {}

  get(): Promise<T> {
    if (this.current && (this.value === undefined || this.fresh(this.value))) return this.current;
    const attempt = this.login();
    this.current = attempt;
    this.value = undefined;
    attempt.then(
      (value) => {
        if (this.current === attempt) this.value = value;
      },
      () => {
        if (this.current === attempt) this.current = undefined;
      },
    );
    return attempt;
  }

  /** Send with the credential; on a 401, log in again once and send again. Answers the last response. */
  async send<R extends { status: number }>(request: (credential: T) => Promise<R>): Promise<R> {
    const used = this.get();
    const response = await request(await used);
    if (response.status !== 401) return response;
    if (this.current === used) this.current = undefined;
    return request(await this.get());
  }

  /**
   * Forget the credential and, when one was held or pending, log it out with
   * `logout`. Best effort: a failed login, an unreachable API or a refused logout
   * must not make closing a client fail (credentials expire on their own).
   */
  async release(logout: (credential: T) => Promise<unknown>): Promise<void> {
    const held = this.current;
    this.current = undefined;
    this.value = undefined;
    if (held === undefined) return;
    try {
      await logout(await held);
    } catch {
      // Best effort, as said above.
    }
  }
}
