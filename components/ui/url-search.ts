/**
 * Pages whose filters live in the URL (the picker, the audit page) update it shallowly: Next's router picks up
 * history updates and useSearchParams re-renders, with no server trip.
 */

export function replaceSearch(pathname: string, changes: Record<string, string | null>) {
  const next = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  const qs = next.toString();
  window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
}

/** A plain click on a link to another page, followed in this tab. */
function followsLinkAway(e: MouseEvent): boolean {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
  const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
  return link instanceof HTMLAnchorElement && link.target !== "_blank" && new URL(link.href).pathname !== window.location.pathname;
}

/**
 * A URL update after a typing pause (an effect returns what this returns, its cleanup). Dropped when the user leaves
 * the page meanwhile (a row followed right after typing, the back button): Next's router would take the update for
 * a newer navigation and drop the one under way, losing the click.
 */
export function afterTypingPause(update: () => void, ms: number): () => void {
  const timer = setTimeout(update, ms);
  const leaving = (e: Event) => {
    if (e.type === "popstate" || (e instanceof MouseEvent && followsLinkAway(e))) clearTimeout(timer);
  };
  document.addEventListener("click", leaving, true);
  window.addEventListener("popstate", leaving);
  return () => {
    clearTimeout(timer);
    document.removeEventListener("click", leaving, true);
    window.removeEventListener("popstate", leaving);
  };
}
