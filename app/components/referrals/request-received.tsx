import { Link } from "@remix-run/react";
import { formatUkMobile, type PersonRoute } from "~/modules/referrals";

/**
 * After the "ask for a place" form: the same page whether the request is new
 * or the person already had one (they get their own link again). The link
 * and reference travel only by email or text, so this page tells a stranger
 * who typed someone else's details nothing.
 */
export function RequestReceived({
  activity,
  sentTo,
  needsScreening,
  shown,
  alreadyAsked,
}: {
  activity: { id: string; title: string };
  sentTo: PersonRoute;
  needsScreening: boolean;
  /** Shown only for a new request by mobile while texts are not delivered. */
  shown?: { link: string; code: string };
  alreadyAsked?: boolean;
}) {
  const byEmail = sentTo.by === "email";
  if (alreadyAsked) {
    return (
      <div className="container narrow">
        <h1>You have already asked for a place</h1>
        <div className="notice" role="status">
          <p>
            You asked for a place on {activity.title} with this mobile number before, and that request is still open, so we
            have not made a second one. Use the private link you were given then.
          </p>
        </div>
        <p>If you have lost it, phone the organiser and give your name, mobile number and the activity.</p>
        <BackLinks activity={activity} />
      </div>
    );
  }
  return (
    <div className="container narrow">
      <h1>Thank you, your request has been sent</h1>
      {shown ? (
        <div className="notice" role="status">
          <p>
            <strong>Keep this link: it is your private page for this request.</strong> Bookmark it or write down your
            reference. We cannot send it by text message.
          </p>
          <p>
            <a href={shown.link}>Open your private page</a>
          </p>
          <p>
            Your reference: <strong className="reference-code">{shown.code}</strong> (give it if you phone the organiser).
          </p>
        </div>
      ) : (
        <div className="notice" role="status">
          <p>
            We have sent your private link {byEmail ? "by email to " : "by text message to "}
            <strong>{byEmail ? sentTo.to : formatUkMobile(sentTo.to)}</strong>. It comes with your reference code, to give
            if you phone the organiser.
          </p>
        </div>
      )}
      <p>
        {needsScreening
          ? `The organiser of ${activity.title} will look at your request and get in touch. Once they say yes, you can book a session with your link.`
          : `Use your link to choose a session of ${activity.title} and book your place. You can cancel or change it there too.`}
      </p>
      {!shown && (
        <>
          <p>If you have asked for a place here before, we have sent you the link you already have instead of making a second request.</p>
          <p>
            {byEmail
              ? "If nothing arrives in a few minutes, check your spam folder, or check the address and ask again."
              : "If no text arrives, check the number and ask again, or phone the organiser."}
          </p>
        </>
      )}
      <BackLinks activity={activity} />
    </div>
  );
}

function BackLinks({ activity }: { activity: { id: string; title: string } }) {
  return (
    <p className="button-row">
      <Link className="button secondary" to={`/activities/${activity.id}`}>
        Back to {activity.title}
      </Link>
      <Link className="button secondary" to="/search">
        Find another activity
      </Link>
    </p>
  );
}
