import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppServices } from './app/app-services';
import { MissingTokenScreen } from './app/MissingTokenScreen';
import { hasAccessTokenInHash, takeAccessToken } from './auth/access-token';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Loupe: #root element missing from index.html');

// The token comes first: it is read from the URL and stripped before any route is looked at.
const token = takeAccessToken();
if (token === null) {
  // The printed link may be pasted into this very tab, which changes only the hash: start over.
  window.addEventListener('hashchange', () => {
    if (hasAccessTokenInHash(location.hash)) location.reload();
  });
}

createRoot(container).render(
  <StrictMode>{token === null ? <MissingTokenScreen /> : <App services={createAppServices(token)} />}</StrictMode>,
);
