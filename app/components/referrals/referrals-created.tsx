import { Link } from "@remix-run/react";

export interface CreatedReferralView {
  id: string;
  code: string;
  /** Null for a referral of connection actions only. */
  activityTitle: string | null;
  status: string;
  link: string | null;
}

/**
 * Shown once, straight after a referral is made: the private link cannot be
 * shown again (only its hash is kept), so this is the moment to pass it on
 * to someone without email.
 */
export function ReferralsCreated({ referrals, repeat }: { referrals: CreatedReferralView[]; repeat: boolean }) {
  const many = referrals.length > 1;
  return (
    <div className="container narrow">
      <h1>{many ? "Referrals sent" : "Referral sent"}</h1>
      {repeat ? (
        <p className="notice" role="status">
          This form was already sent, so nothing new was made. The {many ? "referrals are" : "referral is"} below.
        </p>
      ) : (
        <p className="notice" role="status">
          We have sent the person their private link. If they have no email, give them the link below or read them the reference.
        </p>
      )}
      <ul className="card-list">
        {referrals.map((r) => (
          <li key={r.id} className="card">
            <h2>{r.activityTitle ?? "Connection actions"}</h2>
            <p>
              Reference: <strong className="reference">{r.code}</strong>
            </p>
            <p>
              {!r.activityTitle
                ? "The person can see their actions and say how they got on."
                : r.status === "accepted"
                  ? "Accepted: the person can book a session now."
                  : "The organiser will look at it and get back in touch."}
            </p>
            {r.link && (
              <p>
                {"The person's private link: "}
                <a href={r.link} className="private-link">
                  {r.link}
                </a>
              </p>
            )}
            <Link to={`/referrals/${r.id}`}>Follow this referral</Link>
          </li>
        ))}
      </ul>
      <p className="button-row">
        <Link className="button" to="/referrals">
          Go to your referrals
        </Link>
        <Link className="button secondary" to="/search">
          Find another activity
        </Link>
      </p>
    </div>
  );
}
