import { Link } from "@remix-run/react";
import type { SearchHit } from "#search/types";
import { ClientOnly } from "~/components/map/client-only";
import { formatCost, accessibilityFeatures, joiningMessages, joiningMode, showsPlacesLeft, type AccessibilityFeature } from "~/modules/activities";
import type { DistanceOrigin } from "~/modules/places";
import { formatInTimezone } from "~/utils/time";

/**
 * Every distance says what it is measured from ("from LS6 1AA", "from the centre of LS6"), so a centre is never
 * passed off as the place typed; `approximate` (known only to a kilometre or more) rounds to whole kilometres.
 */
export function formatDistance(km: number, origin?: DistanceOrigin, approximate = false): string {
  const from = origin && origin.precision !== "location" ? ` from ${origin.from}` : " away";
  if (approximate) return `About ${Math.max(1, Math.round(km))} km${from}`;
  if (km < 0.1) return `Less than 0.1 km${from}`;
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} km${from}`;
}

const placesText = (n: number) => (n <= 0 ? "full" : n === 1 ? "1 place left" : `${n} places left`);

/** Offers the next session someone can actually go to: a full next session is named, but not offered. */
export function nextSessionText(hit: Pick<SearchHit, "nextSession" | "nextOpenSession" | "timezone" | "dropIn" | "selfReferral">): string {
  const { nextSession: next, nextOpenSession: open, timezone } = hit;
  if (!next) return "No dates planned yet. Contact the organiser.";
  const when = (d: Date | string) => formatInTimezone(new Date(d), timezone, "datetime");
  if (!showsPlacesLeft(joiningMode(hit))) return `Next: ${when(next.startsAt)}`;
  if (next.spacesLeft > 0 || !open) return `Next: ${when(next.startsAt)} (${placesText(next.spacesLeft)})`;
  const places = open.spacesLeft == null ? "" : ` (${placesText(open.spacesLeft)})`;
  return `Next with a place: ${when(open.startsAt)}${places}. The one on ${formatInTimezone(new Date(next.startsAt), timezone, "date")} is full.`;
}

/** One result: what someone needs to choose, and the next steps (open; refer, for a referrer). */
export function SearchResultItem({
  hit,
  categoryName,
  selected,
  canRefer,
  distanceOrigin,
  approximate = false,
  onShowOnMap,
}: {
  hit: SearchHit;
  categoryName: string;
  selected: boolean;
  canRefer: boolean;
  /** What the search's distances are measured from (see formatDistance). */
  distanceOrigin?: DistanceOrigin;
  /** The search's place is known only roughly, so distances are rounded. */
  approximate?: boolean;
  onShowOnMap?: () => void;
}) {
  const headingId = `result-${hit.id}-title`;
  return (
    <li className={`result${selected ? " is-selected" : ""}`} id={`result-${hit.id}`}>
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>
          <Link to={`/activities/${hit.id}`}>{hit.title}</Link>
        </h3>
        <p className="meta-row">
          {hit.distanceKm != null && <span className="distance">{formatDistance(hit.distanceKm, distanceOrigin, approximate)}</span>}
          {hit.online && <span>Online</span>}
          {!hit.online && hit.town && <span>{hit.town}</span>}
          <span>{categoryName}</span>
          <span className="cost">{formatCost(hit.costType, hit.costPence)}</span>
        </p>
        <p className="summary">{hit.summary}</p>
        <p className="next-session">{nextSessionText(hit)}</p>
        <p className="joining">{joiningMessages[joiningMode(hit)]}</p>
        {hit.accessibility.length > 0 && (
          <ul className="feature-list access-list" aria-label="Access">
            {hit.accessibility.map((key) => (
              <li key={key}>
                <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
                  <path d="M2 8.5l4 4 8-9" fill="none" stroke="currentColor" strokeWidth="2.5" />
                </svg>
                {accessibilityFeatures[key as AccessibilityFeature] ?? key}
              </li>
            ))}
          </ul>
        )}
        <p className="muted run-by">Run by {hit.organisation}</p>
        <div className="button-row">
          {canRefer && (
            <Link className="button" to={`/referrals/new?activity=${hit.id}`}>
              Refer<span className="visually-hidden"> someone to {hit.title}</span>
            </Link>
          )}
          {onShowOnMap && (
            <ClientOnly fallback={null}>
              {() => (
                <button type="button" className="secondary" onClick={onShowOnMap} aria-pressed={selected}>
                  Show on map<span className="visually-hidden">: {hit.title}</span>
                </button>
              )}
            </ClientOnly>
          )}
        </div>
      </article>
    </li>
  );
}
