import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../../shared/common/association/contract';
import { crossedMilestone, milestoneText } from '../../../../shared/common/consent/machine';
import { Trans, useStrings } from '../../i18n';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';

/**
 * The open association as main has it, kept current by its pushes, for views outside
 * the Association area: the call bar shows a waiting electronic consent request wherever
 * the rep is. Moving between areas never expires the request (only the Agent leaving the
 * Agent Portal screen does, 001:79, and the rep records that).
 */
export function useOpenAssociation(): SessionView | null {
  const invoke = useInvoke();
  const [session, setSession] = useState<SessionView | null>(null);
  useEffect(() => {
    // An event that arrived before this answer is newer than it: the answer only fills an empty view.
    void invoke('app:association.current', {}).then((r) => r.ok && setSession((s) => s ?? r.value));
  }, [invoke]);
  useDeskEvent('app:association.changed', (v) => setSession((s) => (s && s.id === v.id && s.revision > v.revision ? s : v.status === 'open' || s?.id === v.id ? v : s)));
  return session && session.status === 'open' ? session : null;
}

/** main's "now", for a countdown that runs on the same clock as the 90 seconds. */
function useServerOffset(serverNow: string): () => number {
  const offset = useRef(0);
  useEffect(() => {
    offset.current = Date.parse(serverNow) - Date.now();
  }, [serverNow]);
  return () => Date.now() + offset.current;
}

/**
 * The seconds left, shown but never announced as they tick (no live region). Only the
 * instance with `announces` (the call bar's, always mounted) says 60, 30 and 10 seconds
 * left and the expiry, once each, so the rep hears them once wherever they are.
 */
export function ConsentCountdown({
  expiresAt,
  serverNow,
  announces = false,
  compact = false,
  onExpired,
}: {
  expiresAt: string;
  serverNow: string;
  announces?: boolean;
  compact?: boolean;
  onExpired?: () => void;
}) {
  const t = useStrings('association');
  const now = useServerOffset(serverNow);
  const announce = useAnnounce();
  const [left, setLeft] = useState(() => Math.max(0, Date.parse(expiresAt) - Date.parse(serverNow)));
  const previous = useRef(Date.parse(serverNow));
  useEffect(() => {
    const timer = setInterval(() => {
      const t = now();
      const m = crossedMilestone(expiresAt, new Date(previous.current), new Date(t));
      previous.current = t;
      if (announces && m !== null) announce(milestoneText(m), m === 0 ? 'assertive' : 'polite');
      const remaining = Math.max(0, Date.parse(expiresAt) - t);
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(timer);
        onExpired?.();
      }
    }, 250);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restarts only for a new request
  }, [expiresAt]);
  const seconds = Math.ceil(left / 1000);
  if (compact) {
    return (
      <span className="callbar__consent" data-testid="callbar-consent">
        <Trans t={t} i18nKey="countdown.compact" values={{ seconds }} components={{ time: <span className="callbar__time" /> }} />
      </span>
    );
  }
  return (
    <div className="assoc-countdown" data-testid="consent-countdown">
      <Trans t={t} i18nKey="countdown.full" values={{ seconds }} components={{ n: <span className="assoc-countdown__n" />, rest: <span /> }} />
    </div>
  );
}

/** The call bar's part: a waiting request's countdown, a link to the consent step. */
export function CallBarConsent() {
  const t = useStrings('association');
  const invoke = useInvoke();
  const session = useOpenAssociation();
  const pending = session?.consent?.pending ?? null;
  if (!session || !pending) return null;
  return (
    <a className="callbar__consent-link" href="#/association" aria-label={t('countdown.waiting')}>
      <ConsentCountdown
        key={pending.expiresAt}
        expiresAt={pending.expiresAt}
        serverNow={session.serverNow}
        announces
        compact
        // main settles the expired request when asked; its push updates every view.
        onExpired={() => void invoke('app:association.current', {})}
      />
    </a>
  );
}
