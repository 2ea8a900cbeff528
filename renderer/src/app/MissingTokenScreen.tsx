export function MissingTokenScreen() {
  return (
    <main className="missing-token" data-testid="missing-token">
      <div className="missing-token__card">
        <h1>Loupe</h1>
        <p>
          This page needs the link printed by <code>loupe serve</code> (it carries an access token).
        </p>
        <p className="muted">Open that link in this browser; the token is then kept for this tab only.</p>
      </div>
    </main>
  );
}
