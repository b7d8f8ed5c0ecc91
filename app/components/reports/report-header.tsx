import { NavLink } from "@remix-run/react";
import { FACTS_EVERY_MINUTES } from "~/modules/reports";

export interface ReportLink {
  to: string;
  label: string;
}

/** The report pages' heading, with the other reports the viewer may open (keeping the period). */
export function ReportHeader({ title, lede, periodLabel, links, search }: { title: string; lede: string; periodLabel: string; links: ReportLink[]; search: string }) {
  return (
    <>
      <nav aria-label="Reports" className="report-nav">
        <ul className="button-row">
          {links.map((l) => (
            <li key={l.to}>
              <NavLink to={`${l.to}${search}`} end>
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      <p className="lede">{lede}</p>
      <p className="meta-row">
        <span>
          Period: <strong>{periodLabel}</strong>
        </span>
        <span>Figures are worked out from the records as you open the page; who went to a session is brought up to date every {FACTS_EVERY_MINUTES} minutes.</span>
      </p>
    </>
  );
}
