import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { HttpClient } from './api/http.ts';
import { IpcClient } from './api/ipc.ts';
import type { TandemClient } from './api/client.ts';
import { Providers } from './state.tsx';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

/** In the Electron app the preload provides `window.tandem` (IPC); a plain browser gets HTTP. */
function pickClient(): TandemClient {
  return IpcClient.fromWindow() ?? HttpClient.fromLocation();
}

try {
  const client = pickClient();
  root.render(
    <StrictMode>
      <Providers client={client}>
        <App />
      </Providers>
    </StrictMode>,
  );
} catch (err) {
  root.render(
    <div className="fatal" role="alert">
      <h1>Tandem cannot start here</h1>
      <p>{err instanceof Error ? err.message : String(err)}</p>
    </div>,
  );
}
