import { SharedCredential } from '../../subgraphs/shared/credential';

describe('a shared login credential', () => {
  const counter = () => {
    let logins = 0;
    return { login: async () => `token-${++logins}`, logins: () => logins };
  };

  it('logs in once for concurrent callers', async () => {
    const { login, logins } = counter();
    const credential = new SharedCredential(login);
    expect(await Promise.all([credential.get(), credential.get(), credential.get()])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(logins()).toBe(1);
  });

  it('does not keep a failed login', async () => {
    let fail = true;
    const credential = new SharedCredential(async () => {
      if (fail) throw new Error('refused');
      return 'ok';
    });
    await expect(credential.get()).rejects.toThrow('refused');
    fail = false;
    expect(await credential.get()).toBe('ok');
  });

  it('logs in again when the credential is no longer fresh', async () => {
    const { login, logins } = counter();
    let fresh = true;
    const credential = new SharedCredential(login, () => fresh);
    await credential.get();
    fresh = false;
    expect(await credential.get()).toBe('token-2');
    expect(logins()).toBe(2);
  });

  it('retries a 401 once with a new login, and one login serves concurrent refusals', async () => {
    const { login, logins } = counter();
    const credential = new SharedCredential(login);
    const seen: string[] = [];
    const request = async (token: string) => {
      seen.push(token);
      return { status: token === 'token-1' ? 401 : 200 };
    };
    const answers = await Promise.all([credential.send(request), credential.send(request)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(logins()).toBe(2);
    expect(seen.sort()).toEqual(['token-1', 'token-1', 'token-2', 'token-2']);
  });

  it('answers the second 401 rather than retrying forever', async () => {
    const credential = new SharedCredential(counter().login);
    let sent = 0;
    expect(await credential.send(async () => ({ status: (++sent, 401) }))).toEqual({ status: 401 });
    expect(sent).toBe(2);
  });
});
