import { readForm } from "~/utils/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { endAccountSession, endOtherSessions, listAccountSessions, clientContext, requireUser } from "~/modules/accounts/index.server";
import { endSessionSchema } from "~/modules/accounts";
import { AccountPage } from "~/components/account/account-page";
import { StatusNotice } from "~/components/layout/status-notice";

export const meta: MetaFunction = () => [{ title: "Where you're signed in — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request);
  const sessions = await listAccountSessions(user.id, session.id);
  return {
    sessions: sessions.map((s) => ({ ...s, lastSeenAt: s.lastSeenAt.toISOString(), createdAt: s.createdAt.toISOString() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request);
  const parsed = endSessionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ done: "That change could not be understood. Nothing was changed." }, { status: 400 });
  const context = clientContext(request);
  if (parsed.data.intent === "end-others") {
    await endOtherSessions(user.id, session.id, context);
    return { done: "You have been signed out everywhere else." };
  }
  const ended = parsed.data.sessionId !== session.id && (await endAccountSession(user.id, parsed.data.sessionId, context));
  return { done: ended ? "That device has been signed out." : "That device was already signed out." };
}

const when = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const others = sessions.filter((s) => !s.current);
  return (
    <AccountPage title="Where you're signed in">
      <StatusNotice message={data?.done} />
      <p>If you see a device you do not recognise, sign it out and change your password.</p>
      <ul className="card-list">
        {sessions.map((s) => (
          <li key={s.id} className="card">
            <h2 className="card-title">
              {s.device}
              {s.current ? <span className="tag"> This device</span> : null}
            </h2>
            <p className="meta-row">
              <span>Last used {when(s.lastSeenAt)}</span>
              <span>Signed in {when(s.createdAt)}</span>
              {s.ip ? <span>Network address {s.ip}</span> : null}
            </p>
            {s.current ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="end-one" />
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" className="secondary">
                  Sign out this device<span className="visually-hidden"> ({s.device}, last used {when(s.lastSeenAt)})</span>
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <Form method="post" className="section-gap">
          <input type="hidden" name="intent" value="end-others" />
          <button type="submit">Sign out everywhere else</button>
        </Form>
      ) : (
        <p className="section-gap">You are not signed in anywhere else.</p>
      )}
      <Form method="post" action="/logout" className="section-gap">
        <input type="hidden" name="scope" value="everywhere" />
        <button type="submit" className="secondary">
          Sign out everywhere, including here
        </button>
      </Form>
    </AccountPage>
  );
}
