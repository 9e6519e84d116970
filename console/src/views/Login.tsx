/** Sign in with any bearer token (`npm run token -- --role …`, or the demo's printed URL). */
import { useState } from 'preact/hooks';
import { saveSession, type Session } from '../session';

export function Login({ onSignedIn, notice }: { onSignedIn: (session: Session) => void; notice?: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (event: Event) => {
    event.preventDefault();
    try {
      onSignedIn(saveSession(token));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main id="main" class="login">
      <h1>Overcast console</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form onSubmit={submit} aria-describedby="login-help">
        <label for="token">Bearer token</label>
        <textarea
          id="token"
          name="token"
          rows={4}
          required
          autocomplete="off"
          spellcheck={false}
          value={token}
          onInput={(e) => setToken((e.target as HTMLTextAreaElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'login-error' : undefined}
        />
        {error ? (
          <p id="login-error" class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit">Sign in</button>
      </form>
      <p id="login-help" class="help">
        Paste a token minted with <code>npm run token -- --role admin</code> (or <code>--role viewer --tenant acme</code>). It stays in this
        tab only and is sent to this gateway alone.
      </p>
    </main>
  );
}
