import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ShortcutProvider } from './app/shortcuts';
import { DeskProvider, pickBridge } from './ipc/desk';
import { AnnouncerProvider } from './ui/Announcer';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskProvider bridge={pickBridge()}>
      <AnnouncerProvider>
        <ShortcutProvider>
          <App />
        </ShortcutProvider>
      </AnnouncerProvider>
    </DeskProvider>
  </StrictMode>,
);
