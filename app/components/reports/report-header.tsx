import { NavLink } from "@remix-run/react";
import { FACTS_EVERY_MINUTES } from "~/modules/reports";

export interface ReportLink {
  to: string;
  label: string;
}

/** The report pages' heading, with the other reports the viewer may open (keeping the period). */
/**
 * asOf: when the figures kept by the worker were last brought up to date ("14:05"), on pages that read them;
 * without it the page says its figures are worked out as it opens.
 */
export function ReportHeader({ title, lede, periodLabel, links, search, asOf }: { title: string; lede: string; periodLabel: string; links: ReportLink[]; search: string; asOf?: string | null }) {
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
        {asOf ? (
          <span>
            Figures as of <strong>{asOf}</strong>, brought up to date every {FACTS_EVERY_MINUTES} minutes (anything from today is counted as it comes in).
          </span>
        ) : (
          <span>Figures are worked out from the records as you open the page; who went to a session is brought up to date every {FACTS_EVERY_MINUTES} minutes.</span>
        )}
      </p>
    </>
  );
}
