import { readForm, readQuery } from "~/utils/read-form.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { DetailsRemoved, type PersonPageReply, RemoveMyDetails } from "~/components/referrals/remove-my-details";
import { CANCEL_UNDO_MINUTES, linkProblemMessages, personActionSchema } from "~/modules/referrals";
import { joiningMessages, showsPlacesLeft } from "~/modules/activities";
import { useEffect, useRef } from "react";
import { performPersonAction, loadPersonPage, type PersonPage } from "~/modules/referrals/index.server";
import { loadPersonActions } from "~/modules/actions/index.server";
import { privatePageHandle } from "~/utils/viewer";

// The person's own page: no sign-in or account links, which would suggest they need an account.
export const handle = privatePageHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "page" in data ? `${data.page.activity.title} — your place — Linkway` : "Your link — Linkway" },
  { name: "robots", content: "noindex, nofollow" },
];

// The page is private to whoever holds the link: never cached or indexed.
const privateHeaders = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" };
export const headers: HeadersFunction = () => privateHeaders;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const allDates = readQuery(request).get("dates") === "all";
  const result = await loadPersonPage(params.token ?? "", undefined, { allDates });
  if (result.status === "actions_only") throw redirect(`/r/${params.token}/actions`, { headers: privateHeaders });
  // "Cancel this booking" asks first (?cancel=<booking>): a second step that needs no JavaScript.
  const confirmCancel = readQuery(request).get("cancel");
  if (result.status === "ok") {
    const actions = await loadPersonActions(params.token ?? "");
    const hasActions = !!actions && actions.today.length + actions.laterThisWeek.length + actions.upcoming.length > 0;
    const toAnswer = actions ? actions.today.filter((a) => !a.today).length : 0;
    return data({ page: result.page, confirmCancel, actions: hasActions ? { toAnswer } : null, moreDates: result.page.moreDates && !allDates }, { headers: privateHeaders });
  }
  return data({ problem: result.status }, { status: result.status === "invalid" ? 404 : 410, headers: privateHeaders });
}

interface ActionReply extends PersonPageReply {
  /** The booking a cancel or undo was about, so the reply can offer to undo it. */
  bookingId?: string;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: personActionSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).flat()[0];
    const reply: ActionReply = { ok: false, message: first ?? "Something in that request was not right.", intent: String(submission.payload.intent ?? ""), result: submission.reply() };
    return data(reply, { status: 400, headers: privateHeaders });
  }
  const result = await performPersonAction(params.token ?? "", submission.value);
  const reply: ActionReply = { ok: result.ok, message: result.message, intent: submission.value.intent, bookingId: "bookingId" in submission.value ? submission.value.bookingId : undefined };
  return data(reply, { status: result.ok ? 200 : result.status, headers: privateHeaders });
}

export default function PersonLinkPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // After removal the link no longer loads the page: the reply says what happened.
  if (actionData?.ok && actionData.intent === "remove-details") return <DetailsRemoved />;
  if ("problem" in loaded) return <LinkProblem problem={loaded.problem} />;
  return <PersonPageView page={loaded.page} confirmCancel={loaded.confirmCancel} actions={loaded.actions} moreDates={loaded.moreDates} result={actionData ?? null} />;
}

function LinkProblem({ problem }: { problem: "expired" | "ended" | "invalid" }) {
  return (
    <div className="container narrow person-page">
      <h1>{problem === "invalid" ? "We could not find this link" : "This link has stopped working"}</h1>
      <p className="lead">{linkProblemMessages[problem]}</p>
      <p>If you have a reference code (it looks like K7P-4QX), have it ready when you call.</p>
    </div>
  );
}

const statusExplanations: Record<string, string> = {
  sent: "The organiser is looking at your referral. Once they say yes, you can book a session here. We will let you know.",
  accepted: "You can choose a session below and book your place.",
  booked: "You have a place booked. You can book more sessions, or cancel if you cannot go.",
  attending: "You are going to this activity. You can book more sessions below.",
  declined: "Sorry, the organiser cannot offer you a place.",
  withdrawn: "This referral is closed, so you cannot book with this link any more.",
  expired: "This referral has expired, so you cannot book with this link any more. The person who referred you can help.",
  completed: "This referral is complete. We hope you enjoyed it.",
  disengaged: "This referral is closed. The person who referred you can help if you would like to start again.",
};

function PersonPageView({
  page,
  confirmCancel,
  actions,
  moreDates,
  result,
}: {
  page: PersonPage;
  confirmCancel: string | null;
  actions: { toAnswer: number } | null;
  moreDates: boolean;
  result: ActionReply | null;
}) {
  const { token } = useParams();
  const pagePath = `/r/${token}`;
  const calendarBase = `/r/${token}/calendar`;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { referral, activity } = page;
  const canDecline = ["sent", "accepted", "booked", "attending"].includes(referral.status);
  const liveBookings = page.bookings.filter((b) => b.status !== "cancelled" && !b.isPast);
  const pastSessions = page.bookings.filter((b) => b.status === "booked" && b.isPast);
  const cancelledBookings = page.bookings.filter((b) => b.status === "cancelled" && !b.isPast);
  return (
    <div className="container narrow person-page">
      <p className="muted">Hello {referral.firstName}. This page is just for you: please do not share the link.</p>
      <h1>{activity.title}</h1>
      {page.baselineDue && (
        // The referrer chose "they will answer by link": these come before anything else on the page.
        <section className="notice wellbeing-due" aria-labelledby="baseline-due">
          <h2 id="baseline-due">First, how are you?</h2>
          <p>Before you start, please answer seven short questions about how you are feeling. It takes about two minutes, and there are no right or wrong answers.</p>
          <p>
            <Link className="button" to={`/r/${token}/wellbeing`}>
              Answer the questions first
            </Link>
          </p>
        </section>
      )}
      <p className="reference-box">
        Your reference: <strong className="reference">{referral.code}</strong>
        <span className="hint">Give this if you phone the organiser{referral.referredBy ? ` or ${referral.referredBy}` : ""}.</span>
      </p>

      {result && result.intent !== "remove-details" && (
        <div className={result.ok ? "notice" : "notice warn"} role={result.ok ? "status" : "alert"}>
          <p>{result.message}</p>
          {result.ok && result.intent === "cancel" && page.bookings.some((b) => b.id === result.bookingId && b.canUndo) && (
            <UndoCancel bookingId={result.bookingId!} until={page.bookings.find((b) => b.id === result.bookingId)?.undoUntil} busy={busy} action={pagePath} />
          )}
        </div>
      )}

      <p className="notice">
        <strong>{referral.statusLabel}.</strong> {statusExplanations[referral.status]}
        {referral.status === "declined" && referral.declineReason ? ` They said: “${referral.declineReason}”` : ""}
      </p>

      {actions && (
        <section className="notice" aria-labelledby="your-actions">
          <h2 id="your-actions">Your actions</h2>
          <p>
            {actions.toAnswer === 0
              ? "Small things to try between sessions. You are up to date for today."
              : `Small things to try between sessions. ${actions.toAnswer === 1 ? "One is" : `${actions.toAnswer} are`} waiting for today.`}
          </p>
          <p>
            <Link className="button" to={`/r/${token}/actions`}>
              See your actions
            </Link>
          </p>
        </section>
      )}

      {page.wellbeingCheckDue && (
        <section className="notice wellbeing-due" aria-labelledby="wellbeing-due">
          <h2 id="wellbeing-due">How are you now?</h2>
          <p>We would like to know how you are feeling since you started. There are seven short questions; it takes about two minutes.</p>
          <p>
            <Link className="button" to={`/r/${token}/wellbeing`}>
              Answer the wellbeing questions
            </Link>
          </p>
        </section>
      )}

      {liveBookings.length > 0 && (
        <section aria-labelledby="your-bookings">
          <h2 id="your-bookings">Your bookings</h2>
          {activity.joiningUrl && (
            <p className="notice">
              This activity is online. Join here when it starts: <a href={activity.joiningUrl}>{activity.joiningUrl}</a>
            </p>
          )}
          <ul className="card-list">
            {liveBookings.map((b) => (
              <li key={b.id} className="card booking-card" id={`booking-${b.id}`}>
                <h3 id={`booking-${b.id}-when`}>{b.when}</h3>
                <p className="status">{b.sessionCancelled ? "This session has been cancelled" : b.statusLabel}</p>
                {b.status === "waitlisted" && b.waitlistPosition && <p>You are number {b.waitlistPosition} on the waitlist.</p>}
                {b.status === "offered" && <p>A place has come up for you. We are keeping it until {b.offerExpires}.</p>}
                <div className="button-row">
                  {b.status === "offered" && (
                    <Form method="post">
                      <input type="hidden" name="intent" value="accept-offer" />
                      <input type="hidden" name="bookingId" value={b.id} />
                      <button type="submit" disabled={busy}>
                        Take this place
                      </button>
                    </Form>
                  )}
                  {b.status === "booked" && !b.isPast && (
                    <a className="button secondary" href={`${calendarBase}/${b.id}`} download>
                      Add to my calendar
                    </a>
                  )}
                  {!b.isPast && confirmCancel !== b.id && (
                    <Link className="button secondary" to={`?cancel=${b.id}#booking-${b.id}`} preventScrollReset aria-describedby={`booking-${b.id}-when`}>
                      {cancelLabels[b.status as keyof typeof cancelLabels] ?? cancelLabels.booked}
                    </Link>
                  )}
                </div>
                {!b.isPast && confirmCancel === b.id && <ConfirmCancel booking={b} busy={busy} action={pagePath} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      {pastSessions.length > 0 && (
        <section aria-labelledby="past-sessions">
          <h2 id="past-sessions">Sessions you had a place on</h2>
          <ul className="card-list">
            {pastSessions.map((b) => (
              <li key={b.id} className="card booking-card past-booking">
                <h3 id={`past-${b.id}`}>{b.when}</h3>
                {b.selfReported && (
                  <p>
                    You told us: <strong>{b.selfReported === "went" ? "I went" : "I could not go"}</strong>.
                  </p>
                )}
                {b.canSelfReport && (
                  <p>
                    <Link
                      className={b.selfReported ? "button secondary" : "button"}
                      to={`/r/${token}/bookings/${b.id}/self-report`}
                      aria-describedby={`past-${b.id}`}
                    >
                      {b.selfReported ? "Change your answer" : "Did you go? Tell us"}
                    </Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {cancelledBookings.length > 0 && (
        <section aria-labelledby="cancelled-bookings">
          <h2 id="cancelled-bookings">Cancelled</h2>
          <ul>
            {cancelledBookings.map((b) => (
              <li key={b.id}>
                {b.when}
                {b.sessionCancelled && b.cancelReason ? ` (the organiser cancelled it: ${b.cancelReason})` : ""}.{" "}
                <a href={`${calendarBase}/${b.id}`} download>
                  Update my calendar
                </a>
                {b.canUndo && result?.bookingId !== b.id && <UndoCancel bookingId={b.id} until={b.undoUntil} busy={busy} action={pagePath} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      {referral.canBook && (
        <section aria-labelledby="choose-session">
          <h2 id="choose-session">Choose a session</h2>
          {activity.joining === "drop_in" && <p className="notice joining">{joiningMessages.drop_in} Booking is optional: it lets the organiser know you are coming.</p>}
          {page.sessions.length === 0 ? (
            <p>No sessions are planned at the moment. Please check again soon, or contact the organiser.</p>
          ) : (
            <ul className="card-list">
              {page.sessions.map((s) => (
                <li key={s.id} className="card session-card">
                  <h3>{s.when}</h3>
                  {s.cancelled ? (
                    <p className="status">Cancelled{s.cancelReason ? `: ${s.cancelReason}` : ""}</p>
                  ) : s.myStatus === "booked" ? (
                    <p className="status">You are booked</p>
                  ) : s.myStatus === "waitlisted" ? (
                    <p className="status">You are on the waitlist</p>
                  ) : s.myStatus === "offered" ? (
                    <p className="status">A place is being held for you (see above)</p>
                  ) : s.placesLeft > 0 ? (
                    <Form method="post">
                      {showsPlacesLeft(activity.joining) && (
                        <p>
                          {s.placesLeft} {s.placesLeft === 1 ? "place" : "places"} left
                        </p>
                      )}
                      <input type="hidden" name="intent" value="book" />
                      <input type="hidden" name="sessionId" value={s.id} />
                      <button type="submit" disabled={busy} aria-label={`Book ${s.when}`}>
                        Book this session
                      </button>
                    </Form>
                  ) : (
                    <Form method="post">
                      <p className="status">Full</p>
                      <input type="hidden" name="intent" value="waitlist" />
                      <input type="hidden" name="sessionId" value={s.id} />
                      <button type="submit" className="secondary" disabled={busy} aria-label={`Join the waitlist for ${s.when}`}>
                        Join the waitlist
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {moreDates && (
            <p>
              <Link className="tap-target" to="?dates=all#choose-session">
                More dates
              </Link>
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="about">
        <h2 id="about">About this activity</h2>
        <p className="lead">{activity.summary}</p>
        {activity.description && <p>{activity.description}</p>}
        <h3>Where</h3>
        <p>{activity.online ? "Online. You get the joining link here once you have booked." : activity.where}</p>
        <h3>Cost</h3>
        <p>
          {activity.cost}
          {activity.costDetails ? `. ${activity.costDetails}` : ""}
        </p>
        {activity.referralOffer && (
          <p className="notice">
            <strong>Because you were referred:</strong> {activity.referralOffer}
          </p>
        )}
        <h3>Accessibility</h3>
        {activity.accessibility.length ? (
          <ul className="feature-list">
            {activity.accessibility.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        ) : (
          <p>Ask the organiser about access.</p>
        )}
        <h3>Run by</h3>
        <p>
          {activity.organisationName}
          {activity.contact ? `. Contact: ${activity.contact}` : ""}
        </p>
      </section>

      {canDecline && (
        <section aria-labelledby="not-for-me">
          <h2 id="not-for-me">Not for you?</h2>
          <p>That is fine. Let us know and we will tell {referral.referredBy ?? "the organiser"}. Any sessions you booked will be cancelled.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="decline" />
            <div className="field">
              <label htmlFor="decline-reason">Would you like to say why? (optional)</label>
              <textarea id="decline-reason" name="reason" rows={3} maxLength={1000} />
            </div>
            <button type="submit" className="danger" disabled={busy}>
              I do not want to go ahead
            </button>
          </Form>
        </section>
      )}

      <RemoveMyDetails result={result} />
    </div>
  );
}

const cancelLabels = { booked: "Cancel this booking", waitlisted: "Leave the waitlist", offered: "No thanks" } as const;

/** The second step of cancelling: say what will happen, then cancel or keep the place. */
function ConfirmCancel({ booking, busy, action }: { booking: PersonPage["bookings"][number]; busy: boolean; action: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // With JavaScript the page does not reload, so take keyboard and screen-reader focus to the question.
  useEffect(() => ref.current?.focus(), []);
  const question =
    booking.status === "waitlisted"
      ? "Leave the waitlist for this session?"
      : booking.status === "offered"
        ? "Say no to the place held for you?"
        : "Cancel your place on this session?";
  const consequence =
    booking.status === "waitlisted"
      ? "If you join again later, you go to the back of the list."
      : booking.status === "offered"
        ? "The place will go to the next person waiting."
        : `Your place will be given to someone else. You can undo this for ${CANCEL_UNDO_MINUTES} minutes.`;
  return (
    <div className="confirm-cancel" role="group" aria-labelledby={`confirm-${booking.id}`} tabIndex={-1} ref={ref}>
      <p id={`confirm-${booking.id}`}>
        <strong>{question}</strong> {booking.when}. {consequence}
      </p>
      <div className="button-row">
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="bookingId" value={booking.id} />
          <button type="submit" className="danger" disabled={busy}>
            {booking.status === "waitlisted" ? "Yes, leave the waitlist" : booking.status === "offered" ? "Yes, say no to it" : "Yes, cancel my place"}
          </button>
        </Form>
        <Link className="button secondary" to={action} preventScrollReset>
          {booking.status === "waitlisted" ? "No, stay on the waitlist" : booking.status === "offered" ? "No, go back" : "No, keep my place"}
        </Link>
      </div>
    </div>
  );
}

function UndoCancel({ bookingId, until, busy, action }: { bookingId: string; until?: string | null; busy: boolean; action: string }) {
  return (
    <Form method="post" action={action} className="undo-cancel">
      <input type="hidden" name="intent" value="undo-cancel" />
      <input type="hidden" name="bookingId" value={bookingId} />
      <button type="submit" className="secondary" disabled={busy}>
        Undo: keep my place{until ? ` (until ${until})` : ""}
      </button>
    </Form>
  );
}
