import './ui/bootNow.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { isLabPage, isSolverPage } from './ui/bootNow.ts';
import './ui/styles.css';

const root = createRoot(document.getElementById('root')!);
if (isSolverPage) {
  // The Solver page (?page=solver) has its own code, loaded only when asked for.
  void import('./ui/solver/SolverPage.tsx').then(({ SolverPage }) =>
    root.render(
      <StrictMode>
        <SolverPage />
      </StrictMode>,
    ),
  );
} else if (isLabPage) {
  // The Lab page (?page=lab) likewise.
  void import('./ui/lab/LabPage.tsx').then(({ LabPage }) =>
    root.render(
      <StrictMode>
        <LabPage />
      </StrictMode>,
    ),
  );
} else {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Offline: the production build registers the service worker vite emitted (src/sw/serviceWorker.ts).
if (import.meta.env.PROD && 'serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('vanfleet: offline support unavailable:', e));
}
