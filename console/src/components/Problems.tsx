/**
 * What the API said went wrong, beside whatever data it still gave: one cloud down is
 * partial data plus an error naming the cloud (CLOUD_UNAVAILABLE), and the view says so.
 */
import type { CombinedError } from '@urql/core';

export function Problems({ error, what }: { error: CombinedError | undefined; what?: string }) {
  if (!error) return null;
  const problems = error.networkError
    ? [{ code: 'NETWORK', message: `The gateway did not answer: ${error.networkError.message}` }]
    : error.graphQLErrors.map((e) => ({
        code: String(e.extensions?.code ?? 'ERROR'),
        message: e.message,
        cloudId: typeof e.extensions?.cloudId === 'string' ? e.extensions.cloudId : undefined,
      }));
  // One line per distinct problem: a cloud down fails every field it serves.
  const distinct = [...new Map(problems.map((p) => [`${p.code}|${p.message}`, p])).values()];
  return (
    <div class="problems" role="alert" data-testid="problems">
      <p>
        <strong>{what ?? 'Part of this view could not be read'}</strong>
        {error.networkError ? '.' : '; what the API still answered is shown.'}
      </p>
      <ul>
        {distinct.map((p) => (
          <li key={`${p.code}|${p.message}`}>
            <code>{p.code}</code> {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
