/**
 * /dev/texts — the development text inbox: every text the site would send,
 * when no SMS provider is configured (never on a public production site).
 * "Reply as this person" sends a reply the way the provider's callback would
 * (STOP, YES, NO), so the whole loop can be tried without a phone.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DevInbox, londonTime } from "~/components/dev/dev-inbox";
import { z } from "zod";
import { Linkified } from "~/components/layout/linkified";
import { handleTextReply } from "~/modules/actions/index.server";
import { listDevTexts, recordDevReply, textsGoToDevInbox } from "~/modules/notifications/index.server";
import { normaliseUkMobile } from "~/modules/referrals";
import { notFound } from "~/utils/http.server";
import { readForm, readQuery } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Development text inbox — Linkway" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (!textsGoToDevInbox()) throw notFound();
  const raw = readQuery(request).get("to") ?? "";
  const number = raw ? normaliseUkMobile(raw) : null;
  return { to: raw, texts: await listDevTexts({ number: number ?? undefined }) };
}

const replySchema = z.object({ from: z.string().trim().min(5).max(30), text: z.string().trim().min(1).max(160) });

export async function action({ request }: ActionFunctionArgs) {
  if (!textsGoToDevInbox()) throw notFound();
  const parsed = replySchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "Type a reply, like YES, NO or STOP" }, { status: 400 });
  const from = normaliseUkMobile(parsed.data.from);
  if (!from) return data({ error: "That is not a UK mobile number" }, { status: 400 });
  await recordDevReply(from, parsed.data.text);
  await handleTextReply(from, parsed.data.text);
  return redirect(`/dev/texts?to=${encodeURIComponent(from)}`);
}

export default function DevTexts() {
  const { to, texts } = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>();
  return (
    <DevInbox
      heading="Development text inbox"
      why="Text messages are shown here because no SMS provider is configured (set NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID, or SMS_HTTP_URL)."
      filterLabel="Show texts to (a mobile number)"
      filterType="tel"
      to={to}
      items={texts}
      empty="No texts yet."
      className="text-message"
      alert={answered && "error" in answered ? answered.error : null}
    >
      {(t) => (
        <>
          <p className="meta-row">
            <span>{t.direction === "out" ? `To: ${t.to}` : `Reply from: ${t.to}`}</span>
            <span>{londonTime(t.createdAt)}</span>
          </p>
          <p style={{ whiteSpace: "pre-wrap" }}>
            <Linkified text={t.text} />
          </p>
          {t.direction === "out" && (
            <Form method="post" className="button-row">
              <input type="hidden" name="from" value={t.to} />
              <label htmlFor={`reply-${t.id}`} className="visually-hidden">
                Reply as {t.to}
              </label>
              <input id={`reply-${t.id}`} name="text" type="text" placeholder="YES, NO or STOP" maxLength={160} />
              <button type="submit" className="secondary">
                Reply as this person
              </button>
            </Form>
          )}
        </>
      )}
    </DevInbox>
  );
}
