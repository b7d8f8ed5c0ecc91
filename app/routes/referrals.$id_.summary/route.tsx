import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/accounts/index.server";
import { gpSummary, viewerOf } from "~/modules/reports/index.server";
import { notFound } from "~/utils/http.server";
import { CopyText } from "~/components/reports/copy-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Summary for the GP${data ? `: ${data.summary.code}` : ""} — Linkway` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const summary = await gpSummary(viewerOf(current), params.id ?? "");
  if (!summary) throw notFound("We could not find that referral. It may have been made by another team.");
  return { summary };
}

export default function GpSummaryPage() {
  const { summary } = useLoaderData<typeof loader>();
  return (
    <div className="container narrow gp-summary">
      <p className="no-print">
        <Link to={`/referrals/${summary.referralId}`}>Back to the referral</Link>
      </p>
      <h1>Message back to the GP and referrer</h1>
      {summary.kind === "not_ended" ? (
        <p className="notice">
          This referral is {summary.statusLabel.toLowerCase()}, so it has not ended yet. The summary is ready here when it is completed, stops, is declined, withdrawn or expires.
        </p>
      ) : (
        <>
          <p className="no-print">
            Print this page, or copy the text at the bottom into the GP record. <button type="button" className="secondary" onClick={() => window.print()}>Print</button>
          </p>
          {summary.sections.map((s) => (
            <section key={s.heading} aria-labelledby={`gp-${s.heading.replace(/\W+/g, "-")}`}>
              <h2 id={`gp-${s.heading.replace(/\W+/g, "-")}`}>{s.heading}</h2>
              <dl className="details">
                {s.lines.map((l) => (
                  <div key={l.label}>
                    <dt>{l.label}</dt>
                    <dd>{l.value}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <section className="no-print" aria-labelledby="gp-copy">
            <h2 id="gp-copy">For the GP record</h2>
            <CopyText id="gp-plain-text" label="The summary as plain text" text={summary.plainText} />
          </section>
        </>
      )}
    </div>
  );
}
