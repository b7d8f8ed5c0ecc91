import { readQuery } from "~/utils/read-form.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Linkified } from "~/components/layout/linkified";
import { listDevMailbox } from "~/modules/notifications/index.server";
import { mailMode } from "~/modules/notifications";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Development mailbox — Linkway" }, { name: "robots", content: "noindex" }];

/** Only on a site using the development mailbox (see mailMode): every email the site would send. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (mailMode(env()) !== "dev-mailbox") throw notFound();
  const to = readQuery(request).get("to") ?? undefined;
  return { to: to ?? "", messages: await listDevMailbox({ to }) };
}

export default function DevMailbox() {
  const { to, messages } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>Development mailbox</h1>
      <p>Emails are shown here because no mail server is configured (set SMTP_URL to send real email).</p>
      <Form method="get" className="field">
        <label htmlFor="to">Show messages to</label>
        <div className="button-row">
          <input id="to" name="to" type="email" defaultValue={to} />
          <button type="submit">Filter</button>
        </div>
      </Form>
      {messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <ol className="card-list" reversed>
          {messages.map((m) => (
            <li key={m.id} className="card mail-message">
              <h2 className="mail-subject">{m.subject}</h2>
              <p className="meta-row">
                <span>To: {m.to}</span>
                <span>{new Date(m.createdAt).toLocaleString("en-GB", { timeZone: "Europe/London" })}</span>
              </p>
              <pre className="mail-body" style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>
                <Linkified text={m.text} />
              </pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
