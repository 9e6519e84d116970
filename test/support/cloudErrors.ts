/** What an adapter or client call failed with: the CloudApiError its promise rejects with. */
import { CloudApiError, type ErrorCode } from '../../subgraphs/shared/cloudApiError';

/** The CloudApiError `promise` rejects with; the test fails when it resolves or rejects with anything else. */
export async function cloudError(promise: Promise<unknown>): Promise<CloudApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CloudApiError);
  return err as CloudApiError;
}

/** As cloudError, and its code is `code`. */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<CloudApiError> {
  const err = await cloudError(promise);
  expect(err.code).toBe(code);
  return err;
}
