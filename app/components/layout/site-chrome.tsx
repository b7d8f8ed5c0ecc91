import { Link, NavLink } from "@remix-run/react";

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand" aria-label="Linkway home">
          <span aria-hidden="true" className="brand-mark">
            ●
          </span>{" "}
          Linkway
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            <li>
              <NavLink to="/search">Find an activity</NavLink>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>
          Linkway is open-source software for social prescribing: it helps people find community activities
          and helps the people who refer them learn how it went.
        </p>
        <p className="muted">
          Map data &copy; OpenStreetMap contributors. In an emergency call 999. For urgent help with your mental
          health call NHS 111.
        </p>
      </div>
    </footer>
  );
}
