import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

import type { Viewer } from "~/utils/viewer";

/** What the header knows about the signed-in person (from the root loader): nothing sensitive. */
export type HeaderUser = Viewer;

/** `private`: a person's own page, reached by their link; it has no account chrome (they need no account). */
export function SiteHeader({ user, private: privatePage = false }: { user: HeaderUser | null; private?: boolean }) {
  if (privatePage) {
    return (
      <header className="site-header">
        <div className="container header-inner">
          <span className="brand">
            <span aria-hidden="true" className="brand-mark">
              ●
            </span>{" "}
            Linkway
          </span>
        </div>
      </header>
    );
  }
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand" aria-label="Linkway home">
          <span aria-hidden="true" className="brand-mark">
            ●
          </span>{" "}
          Linkway
        </Link>
        {/* Wide screens show the links in the band; phones one "Menu" that opens them (a <details>, so it works
            without JavaScript). CSS shows one or the other, so a screen reader meets one "Main" navigation. */}
        <nav aria-label="Main" className="nav-wide">
          <NavItems user={user} />
        </nav>
        <PhoneMenu>
          <nav aria-label="Main">
            <NavItems user={user} />
          </nav>
        </PhoneMenu>
      </div>
    </header>
  );
}

/**
 * Closes itself when a link in it is followed (the header stays on screen across client-side navigations), on
 * Escape with focus back on "Menu", and on a tap outside it, as a disclosure menu is expected to (WAI-ARIA APG).
 */
function PhoneMenu({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname, search]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const menu = ref.current;
      if (event.key !== "Escape" || !menu?.open) return;
      menu.open = false;
      menu.querySelector("summary")?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const menu = ref.current;
      if (menu?.open && event.target instanceof Node && !menu.contains(event.target)) menu.open = false;
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, []);
  return (
    <details className="nav-menu" ref={ref}>
      <summary>Menu</summary>
      {children}
    </details>
  );
}

function NavItems({ user }: { user: HeaderUser | null }) {
  return (
    <ul className="nav-list">
      <li>
        <NavLink to="/search">Find an activity</NavLink>
      </li>
      {user ? (
        <>
          {user.kinds.includes("provider") ? (
            <>
              <li>
                <NavLink to="/organiser" end>
                  Dashboard
                </NavLink>
              </li>
              <li>
                <NavLink to="/organiser/referrals">Referrals received</NavLink>
              </li>
              <li>
                <NavLink to="/registers">Registers</NavLink>
              </li>
            </>
          ) : null}
          {user.kinds.includes("referrer") ? (
            <li>
              <NavLink to="/referrals">Your referrals</NavLink>
            </li>
          ) : null}
          {user.isAdmin || user.isCommissioner || user.kinds.length > 0 ? (
            <li>
              <NavLink to="/reports">Reports</NavLink>
            </li>
          ) : null}
          {user.isAdmin ? (
            <li>
              <NavLink to="/admin">Admin</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to="/account">Your account</NavLink>
          </li>
          <li>
            <Form method="post" action="/logout" className="nav-form">
              <button type="submit" className="nav-button">
                Sign out
              </button>
            </Form>
          </li>
        </>
      ) : (
        <>
          <li>
            <NavLink to="/login">Sign in</NavLink>
          </li>
          <li>
            <NavLink to="/signup">Create an account</NavLink>
          </li>
        </>
      )}
    </ul>
  );
}

/** postcodeCredits: the OGL attributions owed for postcode files loaded by places:import (none on a new install). */
export function SiteFooter({ postcodeCredits = [] }: { postcodeCredits?: string[] }) {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>
          Linkway is open-source software for social prescribing: it helps people find community activities
          and helps the people who refer them learn how it went.
        </p>
        <p className="muted">In an emergency call 999. For urgent help with your mental health call NHS 111.</p>
        <p className="muted">
          Map data &copy; OpenStreetMap contributors. Towns and neighbourhoods: contains{" "}
          <a href="https://www.geonames.org/">GeoNames</a> data, licensed under{" "}
          <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.
        </p>
        {postcodeCredits.map((credit) => (
          <p className="muted" key={credit}>
            Postcode locations: {credit}
          </p>
        ))}
        <p className="muted">
          <a href="/api">Open data: our activities as an API</a>
        </p>
      </div>
    </footer>
  );
}
