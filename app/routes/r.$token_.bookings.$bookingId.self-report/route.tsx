/**
 * /r/:token/bookings/:bookingId/self-report — the person says whether they
 * went, from their private link. Their answer is kept apart from the
 * organiser's register; the organiser's mark wins when both exist.
 */
import { readForm } from "~/utils/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { recordSelfReport, loadSelfReport } from "~/modules/attendance/index.server";
import { selfReportSchema } from "~/modules/attendance";
import { notFound } from "~/utils/http.server";
import { privatePageHandle } from "~/utils/viewer";

// The person's own page: no sign-in or account links, which would suggest they need an account.
export const handle = privatePageHandle;

export const meta: MetaFunction = () => [{ title: "Did you go? — Linkway" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await loadSelfReport(params.token, params.bookingId);
  if (!view) throw notFound("This link does not work any more. Please contact the person who referred you.");
  return { view };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = selfReportSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ ok: false, error: "Choose I went or I could not go." }, { status: 400 });
  const result = await recordSelfReport({ token: params.token, bookingId: params.bookingId, report: parsed.data.report });
  if (!result.ok) return data({ ok: false, error: result.error }, { status: result.status });
  return { ok: true, error: null };
}

export default function SelfReport() {
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { token } = useParams();
  return (
    <div className="container narrow">
      <h1>Did you go?</h1>
      <p className="lead">
        {view.activityTitle}, {view.when}
      </p>
      {result?.ok && (
        <p className="notice" role="status">
          Thank you, {view.firstName}. We have passed this on.
        </p>
      )}
      {result && !result.ok && (
        <p className="notice warn" role="alert">
          {result.error}
        </p>
      )}
      {!view.open ? (
        <p>This session has not happened yet. Come back after it has started to tell us how it went.</p>
      ) : (
        <>
          {view.selfReported && (
            <p>
              You told us: <strong>{view.selfReported === "went" ? "I went" : "I could not go"}</strong>. You can change your answer.
            </p>
          )}
          <Form method="post" className="self-report">
            <fieldset>
              <legend className="visually-hidden">Did you go to this session?</legend>
              <div className="button-row">
                <button type="submit" name="report" value="went" className="big-choice" aria-pressed={view.selfReported === "went"}>
                  I went
                </button>
                <button type="submit" name="report" value="missed" className="big-choice secondary" aria-pressed={view.selfReported === "missed"}>
                  I could not go
                </button>
              </div>
            </fieldset>
          </Form>
          <p className="hint">It is fine if you could not go. The person who referred you may get in touch to see if something else would suit you better.</p>
        </>
      )}
      <p>
        <Link to={`/r/${token}`}>Back to your referral</Link>
      </p>
    </div>
  );
}
