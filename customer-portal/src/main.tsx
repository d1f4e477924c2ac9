// Must load before antd renders anything: adapts antd 5's static APIs (message, Modal) to React 19.
import '@ant-design/v5-patch-for-react-19';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { initErrorTracking } from './lib/sentry';

// Sentry (when the server names a browser DSN) and browser error reporting; never delays the first render.
void initErrorTracking();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
