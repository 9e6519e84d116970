/** Logging in at the mock Keystone by hand, as a test that talks to Nova's API directly does. */
import { DOMAIN, PROJECT } from '../../mocks/nova/state';
import type { MockCloud } from '../../mocks/server';

/** The password login of the mock's account, scoped to its project (by name, or by id with `{ id }`). */
export function passwordAuth(
  mock: MockCloud,
  password = mock.credentials.password,
  project: object = { name: PROJECT.name, domain: { name: DOMAIN.name } },
) {
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name: mock.credentials.username, domain: { name: DOMAIN.name }, password } } },
      scope: { project },
    },
  };
}

/** Log in as the mock's account; the token and the token body Keystone answered. */
export async function keystoneLogin(
  mock: MockCloud,
  project?: object,
): Promise<{ token: string; body: { token: Record<string, unknown> } }> {
  const res = await fetch(`${mock.apiUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(passwordAuth(mock, mock.credentials.password, project)),
  });
  expect(res.status).toBe(201);
  return { token: res.headers.get('x-subject-token')!, body: (await res.json()) as { token: Record<string, unknown> } };
}
