import { NavLink } from "@remix-run/react";

const links = [
  { to: "/account", label: "Your details", end: true },
  { to: "/account/password", label: "Password" },
  { to: "/account/two-factor", label: "Two-step sign-in" },
  { to: "/account/sessions", label: "Where you're signed in" },
  { to: "/account/calendar-feeds", label: "Calendar feeds" },
  { to: "/account/delete", label: "Delete your account" },
];

/** The account section's own menu, shown on each of its pages. */
export function AccountNav() {
  return (
    <nav aria-label="Your account" className="section-nav">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
