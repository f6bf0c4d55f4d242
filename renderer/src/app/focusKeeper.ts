import { useEffect } from 'react';

const CARD = 'section, form, fieldset, article, [role="dialog"], .card';
const HEADING = 'h1, h2, h3, h4';

function visible(el: Element): el is HTMLElement {
  return el instanceof HTMLElement && el.getClientRects().length > 0 && !el.closest('[hidden], [inert]');
}

function usable(el: Element | null): el is HTMLElement {
  return el !== null && visible(el) && !(el as HTMLButtonElement).disabled;
}

function focusHeading(h: HTMLElement): void {
  // A heading taken as a landing place is focusable by script only, never a Tab stop.
  if (!h.hasAttribute('tabindex')) h.tabIndex = -1;
  h.focus();
}

/**
 * Where focus goes when what held it went away (a button that replaced itself, a block that
 * a change removed): in the nearest part of the page still shown, what it marks as next
 * (data-focus-next), else its enabled main action, else its heading; failing all, the area's heading.
 */
export function landingFor(lost: { ancestors: Element[] }, root: Element): HTMLElement | null {
  for (const part of lost.ancestors) {
    if (!part.isConnected || !root.contains(part)) continue;
    const next = [...part.querySelectorAll('[data-focus-next]')].find(usable);
    if (next) return next;
    const main = [...part.querySelectorAll('.button--primary:not([aria-pressed])')].find(usable);
    if (main) return main;
    const heading = [...part.querySelectorAll(HEADING)].find(visible);
    if (heading) return heading;
  }
  return root.ownerDocument.getElementById('area-title');
}

/**
 * Focus never drops to the page body (issue 12.5): when the focused element is removed or
 * disabled by a change, focus moves to the sensible place nearby. Focus a component sets
 * itself (in its effects, which run after this) still wins; a click on the page's
 * background (the element still there) is left alone.
 */
export function useFocusKeeper(root: () => Element | null): void {
  useEffect(() => {
    const scope = root();
    if (!scope) return;
    let lost: { el: Element; ancestors: Element[] } | null = null;
    const remember = (e: FocusEvent) => {
      const el = e.target;
      if (!(el instanceof Element) || !scope.contains(el)) return void (lost = null);
      const ancestors: Element[] = [];
      for (let p = el.parentElement?.closest(CARD); p && scope.contains(p); p = p.parentElement?.closest(CARD) ?? null) ancestors.push(p);
      lost = { el, ancestors };
    };
    const rescue = () => {
      const active = document.activeElement;
      if (active !== null && active !== document.body && !(active instanceof HTMLButtonElement && active.disabled)) return;
      if (!lost || (lost.el.isConnected && !(lost.el as HTMLButtonElement).disabled)) return;
      const target = landingFor(lost, scope);
      if (!target) return;
      if (target.matches(HEADING)) focusHeading(target);
      else target.focus();
    };
    const watch = new MutationObserver(rescue);
    watch.observe(scope, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
    document.addEventListener('focusin', remember);
    return () => {
      watch.disconnect();
      document.removeEventListener('focusin', remember);
    };
  }, [root]);
}
