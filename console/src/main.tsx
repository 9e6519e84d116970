/** The console's entry: sign in (a token in the fragment, the tab's stored one, or the form), then the app. */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { App } from './App';
import { clearSession, loadSession, type Session } from './session';
import { Login } from './views/Login';
import './styles/base.css';
import './styles/frame.css';
import './styles/components.css';

function Root() {
  const [loaded] = useState(loadSession);
  const [session, setSession] = useState<Session | undefined>(loaded.session);
  const [notice, setNotice] = useState<string | undefined>(loaded.refused);
  if (!session)
    return (
      <Login
        notice={notice}
        onSignedIn={(next) => {
          setNotice(undefined);
          setSession(next);
        }}
      />
    );
  return (
    <App
      key={session.token}
      session={session}
      onSignOut={(why) => {
        clearSession();
        setNotice(why);
        setSession(undefined);
      }}
    />
  );
}

render(<Root />, document.getElementById('app')!);
