/**
 * The Keystone v3 login request for the configured account: a password login scoped
 * to the configured project, or an application credential (by id, or by name of
 * the user's), which carries its own project and must not ask for a scope.
 */
import type { AdapterOptions, OpenStackOptions } from '../types';

/** The body of `POST /v3/auth/tokens`. */
export function authRequest(options: Pick<AdapterOptions, 'username' | 'password'>, openstack: OpenStackOptions): unknown {
  const { applicationCredential: credential, userDomain, project } = openstack;
  if (credential !== undefined) {
    const named =
      'id' in credential ? { id: credential.id } : { name: credential.name, user: { name: options.username, domain: userDomain } };
    return { auth: { identity: { methods: ['application_credential'], application_credential: { ...named, secret: credential.secret } } } };
  }
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name: options.username, domain: userDomain, password: options.password } } },
      scope: { project },
    },
  };
}
