/**
 * /n/:token — a nudge's one-tap link. "Yes" and "Not today" in the message
 * open this page with ?answer=…: with JavaScript the answer is recorded at
 * once (no further tap); without it, one button does it. Opening the link
 * never records anything by itself, so a mail scanner that follows links
 * cannot answer for the person. From here they can also stop the messages
 * or change when they come.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { nudgeChangeSchema, nudgeTimeLabels } from "~/modules/actions";
import { answerNudge, changeNudges, loadNudgePage, type NudgePage } from "~/modules/actions/index.server";
import { notFound } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Your actions — Linkway" }, { name: "robots", content: "noindex, nofollow" }];

const privateHeaders = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer" };
export const headers: HeadersFunction = () => privateHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const page = await loadNudgePage(params.token ?? "");
  if (!page) throw notFound("This link has stopped working. If you have questions about your actions, please contact the person who referred you.");
  return data({ page }, { headers: privateHeaders });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: nudgeChangeSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).flat()[0];
    return data({ ok: false, message: first ?? "Something in that was not right." }, { status: 400, headers: privateHeaders });
  }
  const value = submission.value;
  const token = params.token ?? "";
  const result = value.intent === "answer" ? await answerNudge(token, value.outcome) : await changeNudges(token, value);
  return data({ ok: result.ok, message: result.message }, { status: result.ok ? 200 : result.status, headers: privateHeaders });
}

const channelLabels = { email: "By email", text: "By text message", none: "No reminders" } as const;

export default function NudgeLink() {
  const { page } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const wanted = params.get("answer");
  const asked = wanted === "done" || wanted === "not_this_time" ? wanted : null;
  const submit = useSubmit();
  const sent = useRef(false);
  // One tap from the message is enough: the answer in the link is sent as soon as the page runs.
  useEffect(() => {
    if (asked && page.canAnswer && !reply && !sent.current) {
      sent.current = true;
      submit({ intent: "answer", outcome: asked }, { method: "post", replace: true });
    }
  }, [asked, page.canAnswer, reply, submit]);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="container narrow person-page">
      <p className="muted">Hello {page.firstName}.</p>
      <h1>{page.question ?? "Your actions"}</h1>
      {reply && (
        <div className={reply.ok ? "notice" : "notice warn"} role={reply.ok ? "status" : "alert"}>
          <p>{reply.message}</p>
        </div>
      )}
      {busy && !reply && <p role="status">Saving your answer…</p>}
      {page.canAnswer ? (
        <Form method="post" replace>
          <input type="hidden" name="intent" value="answer" />
          {page.answered && (
            <p>
              You said: <strong>{page.answered === "done" ? "Yes, I did" : "Not today"}</strong>. You can change it today.
            </p>
          )}
          <div className="button-row">
            <button type="submit" name="outcome" value="done" disabled={busy} aria-pressed={page.answered === "done"}>
              Yes, I did
            </button>
            <button type="submit" name="outcome" value="not_this_time" className="secondary" disabled={busy} aria-pressed={page.answered === "not_this_time"}>
              Not today
            </button>
          </div>
        </Form>
      ) : (
        page.question && <p>This message was about an earlier day, so it cannot be answered now. Thank you all the same.</p>
      )}
      <Reminders page={page} stopFirst={params.get("stop") === "1"} />
    </div>
  );
}

function Reminders({ page, stopFirst }: { page: NudgePage; stopFirst: boolean }) {
  return (
    <section aria-labelledby="reminders-heading" className="card">
      <h2 id="reminders-heading">{stopFirst ? "Stop these messages?" : "Your reminders"}</h2>
      {page.stopped ? (
        <>
          <p>Reminders about your actions are stopped.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="restart" />
            <button type="submit" className="secondary">
              Start the reminders again
            </button>
          </Form>
        </>
      ) : (
        <>
          <Form method="post">
            <input type="hidden" name="intent" value="stop" />
            <button type="submit" className={stopFirst ? "danger" : "secondary"}>
              Stop these messages
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="settings" />
            <fieldset className="field choice-group">
              <legend>How should we remind you?</legend>
              {(Object.keys(channelLabels) as (keyof typeof channelLabels)[]).map((c) => (
                <label key={c} className="choice">
                  <input type="radio" name="channel" value={c} defaultChecked={page.channel === c} /> {channelLabels[c]}
                </label>
              ))}
            </fieldset>
            <fieldset className="field choice-group">
              <legend>When?</legend>
              {(Object.keys(nudgeTimeLabels) as (keyof typeof nudgeTimeLabels)[]).map((t) => (
                <label key={t} className="choice">
                  <input type="radio" name="timeOfDay" value={t} defaultChecked={page.timeOfDay === t} /> {nudgeTimeLabels[t]}
                </label>
              ))}
              <span className="hint">We never send reminders between 9pm and 8am.</span>
            </fieldset>
            <fieldset className="field choice-group">
              <legend>How often?</legend>
              <label className="choice">
                <input type="radio" name="frequency" value="daily" defaultChecked={page.frequency === "daily"} /> A short question each day
              </label>
              <label className="choice">
                <input type="radio" name="frequency" value="weekly" defaultChecked={page.frequency === "weekly"} /> One summary each Monday
              </label>
            </fieldset>
            <button type="submit">Save my choices</button>
          </Form>
        </>
      )}
    </section>
  );
}
