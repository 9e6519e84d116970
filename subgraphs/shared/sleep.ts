/** Resolve after `ms` milliseconds (between polls of an operation the cloud finishes asynchronously). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
