import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppStatus } from '../../../shared/common/foundation/contract';
import type { Operator } from '../../../shared/common/foundation/operator';
import { areas } from '../areas';
import { areaOrderByRole, type AreaDef, type AreaId } from '../areas/registry';
import { CentralSettingsPanel } from './CentralSettings';
import { CheatSheet } from './CheatSheet';
import { IdleTimeSettings } from './lock';
import { OperatorSetup } from './OperatorSetup';
import { StatusBar } from './StatusBar';
import { keys, useShortcut } from './shortcuts';
import { useDesk, useInvoke } from '../ipc/desk';
import { CallBar } from '../areas/call/CallBar';
import { CallProvider } from '../areas/call/callStore';
import { ScreenPopDialog } from './ScreenPop';
import { CallShortcuts, type Landing } from './CallShortcuts';
import { useStrings } from '../i18n';

function areaFromHash(): AreaId | null {
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return areas.some((a) => a.id === id) ? (id as AreaId) : null;
}

function AreaShortcut({ area, go }: { area: AreaDef; go: (id: AreaId, landing: Landing) => void }) {
  const t = useStrings('shell');
  useShortcut({
    id: `area.${area.id}`,
    keys: `Alt+${area.digit}`,
    description: t('keys.goTo', { area: area.title }),
    group: t('keys.groupAreas'),
    match: keys.alt(String(area.digit)),
    run: () => go(area.id, 'start'),
  });
  return null;
}

const START_CANDIDATES = [
  'input:not([type=hidden]):not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  // A view switch (aria-pressed) is navigation inside the area, not its main action.
  'button.button--primary:not([disabled]):not([aria-pressed])',
].join(', ');

/** In this order: what an area marks; in wrap-up its disposition; during a call its notes (without one, the first field starts one). */
const AREA_PREFERRED = ['[data-area-start]', '[data-area="call"] [data-testid="wrap-up"] select', '[data-area="call"] #call-notes:not([readonly])'];

/**
 * Where an area shortcut lands: what the area marks with data-area-start, else its first
 * visible field or main action in reading order.
 */
export function areaStart(section: Element): HTMLElement | null {
  for (const preferred of AREA_PREFERRED) {
    const el = section.querySelector<HTMLElement>(preferred);
    if (el && el.getClientRects().length > 0) return el;
  }
  for (const el of section.querySelectorAll<HTMLElement>(START_CANDIDATES)) {
    if (el.getClientRects().length > 0) return el;
  }
  return null;
}

/** Areas that load before they show their form get a moment; focus waits on the heading meanwhile. */
const START_WAIT_MS = 1500;

/** The frame every area lives in: navigation, the area, the status bar. */
export function Shell({
  status,
  operator,
  onOperatorChanged,
  focusOnMount = false,
}: {
  status: AppStatus | null;
  operator: Operator;
  onOperatorChanged: (op: Operator) => void;
  /** Right after the first-start form: focus the area's heading instead of leaving it on the page body. */
  focusOnMount?: boolean;
}) {
  const t = useStrings('shell');
  const role = operator.role;
  // The menu lists areas by their Alt digit for every role, so the nth entry is always Alt+n;
  // the role decides where the desk opens (its first area).
  const roleAreas = areaOrderByRole[role].map((id) => areas.find((a) => a.id === id)!);
  const ordered = [...roleAreas].sort((a, b) => a.digit - b.digit);
  // An area not in the role's list (the Supervisor area for a rep) is not reachable by hash or shortcut either.
  const allowed = (id: AreaId | null): id is AreaId => id !== null && ordered.some((a) => a.id === id);
  const [active, setActive] = useState<AreaId>(() => {
    const fromHash = areaFromHash();
    return allowed(fromHash) ? fromHash : roleAreas[0]!.id;
  });
  const [sheetOpen, setSheetOpen] = useState(false);
  const [editingProfile, setEditingProfile] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  const profileButton = useRef<HTMLButtonElement>(null);
  // Bumped on every deliberate move, even to the area already shown, so focus always follows.
  const [moves, setMoves] = useState(0);
  const [landing, setLanding] = useState<Landing>('heading');

  const go = useCallback((id: AreaId, to: Landing = 'heading') => {
    setMoves((n) => n + 1);
    setLanding(to);
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

  // Moving to an area moves focus to its title, so a screen reader says where you are;
  // an area shortcut goes on to the area's first field or main action, the reason to press it.
  useEffect(() => {
    if (moves === 0) return;
    heading.current?.focus();
    if (landing === 'heading' || !section.current) return;
    const area = section.current;
    const land = () => {
      const start = landing === 'start' ? areaStart(area) : area.querySelector<HTMLElement>(landing.selector);
      // Only while focus still waits on the heading: a rep who already moved on keeps their place.
      if (start && (document.activeElement === heading.current || document.activeElement === document.body)) start.focus();
      return start !== null;
    };
    if (land()) return;
    const watch = new MutationObserver(() => {
      if (land()) watch.disconnect();
    });
    watch.observe(area, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden'] });
    const stop = setTimeout(() => watch.disconnect(), START_WAIT_MS);
    return () => {
      watch.disconnect();
      clearTimeout(stop);
    };
  }, [active, moves, landing]);

  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on mount only
  }, []);

  // Back from the profile page, focus returns to the button that opened it.
  const [profileClosed, setProfileClosed] = useState(0);
  useEffect(() => {
    if (profileClosed > 0) profileButton.current?.focus();
  }, [profileClosed]);
  const closeProfile = () => {
    setEditingProfile(false);
    setProfileClosed((n) => n + 1);
  };

  useShortcut({ id: 'help.cheatsheet', keys: '?', description: t('keys.cheatsheet'), group: t('keys.groupGeneral'), match: keys.bare('?'), run: () => setSheetOpen(true) });
  const invoke = useInvoke();
  const lockNow = () => void invoke('app:lock.now', {});
  useShortcut({ id: 'lock.now', keys: 'Alt+L', description: t('keys.lockNow'), group: t('keys.groupGeneral'), match: keys.alt('l'), run: lockNow });
  useShortcut({
    id: 'sep.search',
    keys: '/',
    keyNames: t('keys.slash'),
    description: t('keys.sepSearch'),
    group: t('keys.groupGeneral'),
    match: keys.bare('/'),
    run: () => go('sep', 'start'),
  });
  useShortcut({
    id: 'nav.main',
    keys: 'Alt+0',
    keyNames: t('keys.altZero'),
    description: t('keys.navigation'),
    group: t('keys.groupGeneral'),
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
          closeProfile();
          onOperatorChanged(op);
        }}
        onCancel={closeProfile}
      >
        <IdleTimeSettings />
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
          {t('app.skipTo', { area: area.title })}
        </a>
        <header className="topbar">
          <div className="brand">
            <img src="/icon.svg" alt="" width={24} height={24} />
            <span>{t('app.brand')}</span>
          </div>
          <div className="topbar__slot" id="callbar-slot">
            <CallBar />
          </div>
          <button ref={profileButton} type="button" className="button button--quiet" onClick={() => setEditingProfile(true)}>
            {t('app.profile')}
          </button>
          <button type="button" className="button button--quiet" onClick={lockNow} aria-keyshortcuts="Alt+L">
            {t('app.lock')} <kbd>Alt+L</kbd>
          </button>
          <button type="button" className="button button--quiet" onClick={() => setSheetOpen(true)} aria-keyshortcuts="?">
            {t('app.shortcuts')} <kbd>?</kbd>
          </button>
        </header>
        <div className="frame">
          <nav className="nav" aria-label={t('app.areas')}>
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
            <section ref={section} className="area" data-area={area.id} aria-label={t('app.areaRegion', { area: area.title })}>
              <AreaComponent />
            </section>
          </main>
        </div>
        <StatusBar status={status} />
        {ordered.map((a) => (
          <AreaShortcut key={a.id} area={a} go={go} />
        ))}
        <CallShortcuts active={active} go={go} />
        <CheatSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
        <ScreenPopDialog go={go} />
      </div>
    </CallProvider>
  );
}
