import { readQuery } from "~/utils/read-form.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DevInbox, londonTime } from "~/components/dev/dev-inbox";
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
    <DevInbox
      heading="Development mailbox"
      why="Emails are shown here because no mail server is configured (set SMTP_URL to send real email)."
      filterLabel="Show messages to"
      filterType="email"
      to={to}
      items={messages}
      empty="No messages yet."
      className="mail-message"
    >
      {(m) => (
        <>
          <h2 className="mail-subject">{m.subject}</h2>
          <p className="meta-row">
            <span>To: {m.to}</span>
            <span>{londonTime(m.createdAt)}</span>
          </p>
          <pre className="mail-body" style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>
            <Linkified text={m.text} />
          </pre>
        </>
      )}
    </DevInbox>
  );
}
