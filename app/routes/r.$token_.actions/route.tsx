/**
 * /r/:token/actions — the person's connection actions, from their private
 * link (no account): what to do today and this week, and one tap to say "I
 * did it" or "Not this time" (with a note if they like). Works without
 * JavaScript; a second tap the same day changes the answer.
 */
import { readForm } from "~/utils/read-form.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { logActionSchema, outcomeLabels } from "~/modules/actions";
import { loadPersonActions, logActionByToken, type PersonActionsPage } from "~/modules/actions/index.server";
import { personActionSchema } from "~/modules/referrals";
import { performPersonAction } from "~/modules/referrals/index.server";
import { DetailsRemoved, type PersonPageReply, RemoveMyDetails } from "~/components/referrals/remove-my-details";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your actions — Linkway" }, { name: "robots", content: "noindex, nofollow" }];

const privateHeaders = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" };
export const headers: HeadersFunction = () => privateHeaders;

const linkGone = "This link does not work any more. Please contact the person who referred you.";

export async function loader({ params }: LoaderFunctionArgs) {
  const page = await loadPersonActions(params.token ?? "");
  if (!page) throw notFound(linkGone);
  // With actions only there is no referral page, so removing one's details is offered here.
  return data({ page, canRemoveDetails: page.actionsOnly }, { headers: privateHeaders });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  if (formData.get("intent") === "remove-details") return removeDetails(formData, params.token ?? "");
  const submission = parseWithZod(formData, { schema: logActionSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).flat()[0];
    return data({ ok: false, message: first ?? "Something in that answer was not right.", actionId: String(submission.payload.actionId ?? "") }, { status: 400, headers: privateHeaders });
  }
  const result = await logActionByToken(params.token ?? "", submission.value);
  return data({ ok: result.ok, message: result.message, actionId: submission.value.actionId }, { status: result.ok ? 200 : result.status, headers: privateHeaders });
}

async function removeDetails(formData: FormData, token: string) {
  const submission = parseWithZod(formData, { schema: personActionSchema });
  if (submission.status !== "success") {
    const reply: PersonPageReply = { ok: false, message: "Tick the box to say you understand, if you want your details removed", intent: "remove-details", result: submission.reply() };
    return data(reply, { status: 400, headers: privateHeaders });
  }
  const result = await performPersonAction(token, submission.value);
  const reply: PersonPageReply = { ok: result.ok, message: result.message, intent: "remove-details" };
  return data(reply, { status: result.ok ? 200 : result.status, headers: privateHeaders });
}

export default function PersonActions() {
  const { page, canRemoveDetails } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as (PersonPageReply & { actionId?: string }) | undefined;
  const { token } = useParams();
  if (reply?.ok && reply.intent === "remove-details") return <DetailsRemoved />;
  const logReply = reply && reply.intent !== "remove-details" ? reply : null;
  return (
    <div className="container narrow person-page">
      <p className="muted">Hello {page.firstName}. This page is just for you: please do not share the link.</p>
      <h1>Your actions</h1>
      <p className="lead">Small things to try, agreed with the person who referred you. Tell us how you got on: it helps them help you.</p>
      {logReply && (
        <div className={logReply.ok ? "notice" : "notice warn"} role={logReply.ok ? "status" : "alert"}>
          <p>{logReply.message}</p>
        </div>
      )}
      {page.ended && <p className="notice">Your referral has ended, so there is nothing more to record here. Thank you for taking part.</p>}

      <section aria-labelledby="today-heading">
        <h2 id="today-heading">Today, {page.todayLabel}</h2>
        {page.today.length === 0 ? <p>Nothing to do today. Enjoy your day.</p> : <ActionCards cards={page.today} />}
      </section>

      {page.laterThisWeek.length > 0 && (
        <section aria-labelledby="week-heading">
          <h2 id="week-heading">Done for this week</h2>
          <p>You have already done these as often as you planned this week.</p>
          <ActionCards cards={page.laterThisWeek} />
        </section>
      )}

      {page.upcoming.length > 0 && (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">Coming up</h2>
          <ul>
            {page.upcoming.map((u) => (
              <li key={u.id}>
                {u.title}, from {u.starts}
              </li>
            ))}
          </ul>
        </section>
      )}

      {!page.actionsOnly && (
        <p>
          <Link to={`/r/${token}`}>Back to your referral</Link>
        </p>
      )}
      {canRemoveDetails && <RemoveMyDetails result={reply ?? null} />}
      <p className="muted">Your reference: {page.code}</p>
    </div>
  );
}

function ActionCards({ cards }: { cards: PersonActionsPage["today"] }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <ul className="card-list">
      {cards.map((c) => (
        <li key={c.id} className="card action-card">
          <h3 id={`title-${c.id}`}>{c.title}</h3>
          {c.howTo && <p>{c.howTo}</p>}
          <p className="muted">
            {c.rhythm}, until {c.until}.
          </p>
          <p>{c.summary}</p>
          {c.today && (
            <p className="status" id={`answer-${c.id}`}>
              Today you said: <strong>{outcomeLabels[c.today.outcome]}</strong>
              {c.today.note ? ` (“${c.today.note}”)` : ""}. You can change this today.
            </p>
          )}
          <Form method="post" aria-labelledby={`title-${c.id}`}>
            <input type="hidden" name="actionId" value={c.id} />
            <div className="field">
              <label htmlFor={`note-${c.id}`}>A note for the person who referred you (optional)</label>
              <textarea id={`note-${c.id}`} name="note" rows={2} maxLength={500} defaultValue={c.today?.note ?? ""} />
            </div>
            <div className="button-row">
              <button type="submit" name="outcome" value="done" disabled={busy} aria-pressed={c.today?.outcome === "done"}>
                I did it
              </button>
              <button type="submit" name="outcome" value="not_this_time" className="secondary" disabled={busy} aria-pressed={c.today?.outcome === "not_this_time"}>
                Not this time
              </button>
            </div>
          </Form>
        </li>
      ))}
    </ul>
  );
}
