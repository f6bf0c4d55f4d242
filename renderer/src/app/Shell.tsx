import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppStatus } from '../../../shared/common/foundation/contract';
import type { Operator } from '../../../shared/common/foundation/operator';
import { areas } from '../areas';
import { areaOrderByRole, type AreaDef, type AreaId } from '../areas/registry';
import { CentralSettingsPanel } from './CentralSettings';
import { CheatSheet } from './CheatSheet';
import { OperatorSetup } from './OperatorSetup';
import { StatusBar } from './StatusBar';
import { keys, useShortcut } from './shortcuts';
import { useDesk, useInvoke } from '../ipc/desk';
import { CallBar } from '../areas/call/CallBar';
import { CallProvider } from '../areas/call/callStore';
import { ScreenPopDialog } from './ScreenPop';

function areaFromHash(): AreaId | null {
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return areas.some((a) => a.id === id) ? (id as AreaId) : null;
}

function AreaShortcut({ area, go }: { area: AreaDef; go: (id: AreaId) => void }) {
  useShortcut({
    id: `area.${area.id}`,
    keys: `Alt+${area.digit}`,
    description: `Go to ${area.title}`,
    group: 'Areas',
    match: keys.alt(String(area.digit)),
    run: () => go(area.id),
  });
  return null;
}

/** The frame every area lives in: navigation, the area, the status bar. */
export function Shell({ status, operator, onOperatorChanged }: { status: AppStatus | null; operator: Operator; onOperatorChanged: (op: Operator) => void }) {
  const role = operator.role;
  const ordered = areaOrderByRole[role].map((id) => areas.find((a) => a.id === id)!);
  // An area not in the role's list (the Supervisor area for a rep) is not reachable by hash or shortcut either.
  const allowed = (id: AreaId | null): id is AreaId => id !== null && ordered.some((a) => a.id === id);
  const [active, setActive] = useState<AreaId>(() => {
    const fromHash = areaFromHash();
    return allowed(fromHash) ? fromHash : ordered[0]!.id;
  });
  const [sheetOpen, setSheetOpen] = useState(false);
  const [editingProfile, setEditingProfile] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Bumped on every deliberate move, even to the area already shown, so focus always follows.
  const [moves, setMoves] = useState(0);

  const go = useCallback((id: AreaId) => {
    setMoves((n) => n + 1);
    setActive(id);
    if (areaFromHash() !== id) window.history.replaceState(null, '', `#/${id}`);
  }, []);

  useEffect(() => {
    const onHash = () => {
      const id = areaFromHash();
      if (id && areaOrderByRole[role].includes(id)) go(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [go, role]);

  // Moving to an area moves focus to its title, so a screen reader says where you are.
  useEffect(() => {
    if (moves > 0) heading.current?.focus();
  }, [active, moves]);

  useShortcut({ id: 'help.cheatsheet', keys: '?', description: 'Show keyboard shortcuts', group: 'General', match: keys.bare('?'), run: () => setSheetOpen(true) });
  const invoke = useInvoke();
  const lockNow = () => void invoke('app:lock.now', {});
  useShortcut({ id: 'lock.now', keys: 'Alt+L', description: 'Lock kynect Desk now (the call goes on)', group: 'General', match: keys.alt('l'), run: lockNow });
  useShortcut({
    id: 'nav.main',
    keys: 'Alt+0',
    description: 'Jump to the navigation',
    group: 'General',
    match: keys.alt('0'),
    run: () => document.querySelector<HTMLElement>('.nav a[aria-current="page"]')?.focus(),
  });

  // Declared after every shortcut hook, so its effect runs after they have registered:
  // tests (and automation) wait for this mark before using the keyboard.
  // Also after main's events can reach the window, so nothing pushed from then on is missed.
  const bridge = useDesk();
  useEffect(() => {
    let live = true;
    void (bridge.connected?.() ?? Promise.resolve()).then(() => {
      if (live) document.body.dataset.ready = 'shell';
    });
    return () => {
      live = false;
      delete document.body.dataset.ready;
    };
  }, [bridge]);

  if (editingProfile) {
    return (
      <OperatorSetup
        current={operator}
        onSaved={(op) => {
          setEditingProfile(false);
          onOperatorChanged(op);
        }}
        onCancel={() => setEditingProfile(false)}
      >
        <CentralSettingsPanel />
      </OperatorSetup>
    );
  }

  const area = areas.find((a) => a.id === active)!;
  const AreaComponent = area.component;
  return (
    <CallProvider>
      <div className="app">
        <a
          className="skip-link"
          href="#main"
          onClick={(e) => {
            e.preventDefault();
            heading.current?.focus();
          }}
        >
          Skip to the {area.title} area
        </a>
        <header className="topbar">
          <div className="brand">
            <img src="/icon.svg" alt="" width={24} height={24} />
            <span>kynect Desk</span>
          </div>
          <div className="topbar__slot" id="callbar-slot">
            <CallBar />
          </div>
          <button type="button" className="button button--quiet" onClick={() => setEditingProfile(true)}>
            Profile
          </button>
          <button type="button" className="button button--quiet" onClick={lockNow} aria-keyshortcuts="Alt+L">
            Lock <kbd>Alt+L</kbd>
          </button>
          <button type="button" className="button button--quiet" onClick={() => setSheetOpen(true)} aria-keyshortcuts="?">
            Shortcuts <kbd>?</kbd>
          </button>
        </header>
        <div className="frame">
          <nav className="nav" aria-label="Areas">
            <ul>
              {ordered.map((a) => (
                <li key={a.id}>
                  <a
                    href={`#/${a.id}`}
                    aria-current={a.id === active ? 'page' : undefined}
                    aria-keyshortcuts={`Alt+${a.digit}`}
                    onClick={(e) => {
                      e.preventDefault();
                      go(a.id);
                    }}
                  >
                    <span>{a.title}</span>
                    <kbd aria-hidden="true">Alt+{a.digit}</kbd>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main className="main" id="main" aria-labelledby="area-title">
            <div className="area-head">
              <h1 id="area-title" ref={heading} tabIndex={-1}>
                {area.title}
              </h1>
              <p className="muted">{area.purpose}</p>
            </div>
            <section className="area" data-area={area.id} aria-label={`${area.title} area`}>
              <AreaComponent />
            </section>
          </main>
        </div>
        <StatusBar status={status} />
        {ordered.map((a) => (
          <AreaShortcut key={a.id} area={a} go={go} />
        ))}
        <CheatSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
        <ScreenPopDialog go={go} />
      </div>
    </CallProvider>
  );
}
