/**
 * /r/:token/wellbeing — the wellbeing check (ONS4 and UCLA-3) from the
 * person's private link: the "before" questions when the referrer chose to
 * send them by link, otherwise the follow-up. Works without JavaScript; an answer out of range
 * is refused next to its question and nothing is stored.
 */
import { readForm } from "~/utils/read-form.server";
import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { ChoiceGroup } from "~/components/forms/choice-group";
import { FormErrors } from "~/components/forms/form-errors";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { ons4Questions, ucla3Options, ucla3Questions, wellbeingCheckSchema } from "~/modules/outcomes";
import { loadFollowUp, recordFollowUp } from "~/modules/referrals/index.server";
import { notFound } from "~/utils/http.server";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { privatePageHandle } from "~/utils/viewer";

// The person's own page: no sign-in or account links, which would suggest they need an account.
export const handle = privatePageHandle;

export const meta: MetaFunction = () => [{ title: "How are you now? — Linkway" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await loadFollowUp(params.token);
  if (state.kind === "not_found") throw notFound("This link does not work any more. Please contact the person who referred you.");
  return { state };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: wellbeingCheckSchema });
  if (submission.status !== "success") return data({ reply: submission.reply(), done: false }, { status: 400 });
  const result = await recordFollowUp({ token: params.token, answers: submission.value });
  if (!result.ok) return data({ reply: submission.reply({ formErrors: [result.error] }), done: false }, { status: result.status });
  return { reply: submission.reply(), done: true };
}

function RadioScale({
  meta,
  legend,
  options,
  low,
  high,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<any>;
  legend: string;
  options: readonly { value: number; label: string }[];
  low?: string;
  high?: string;
}) {
  const errorId = meta.errors?.length ? meta.errorId : undefined;
  return (
    <ChoiceGroup
      legend={legend}
      hint={low && high ? `0 means ${low.toLowerCase()}, 10 means ${high.toLowerCase()}.` : undefined}
      meta={meta}
      className="wellbeing-question"
    >
      <div className={options.length > 3 ? "scale scale-numbers" : "scale scale-words"}>
        {options.map((o) => (
          <label key={o.value} className="scale-option" htmlFor={`${meta.id}-${o.value}`}>
            <input
              type="radio"
              id={`${meta.id}-${o.value}`}
              name={meta.name}
              value={o.value}
              defaultChecked={meta.initialValue === String(o.value)}
              aria-invalid={errorId ? true : undefined}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </ChoiceGroup>
  );
}

const zeroToTen = Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }));

export default function Wellbeing() {
  const { state } = useLoaderData<typeof loader>();
  const params = useParams();
  const result = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(wellbeingCheckSchema, {
    lastResult: result?.reply,
  });

  if (result?.done || state.kind === "answered") {
    return (
      <div className="container narrow">
        <h1>Thank you</h1>
        {state.kind === "baseline" && (
          <p>
            <Link to={`/r/${params.token}`}>Go to your page to choose a session</Link>
          </p>
        )}
        <p className="lead">We have your answers{state.kind === "answered" && !result?.done ? " already" : ""}. They help the person who referred you, and help keep {state.activityTitle} going.</p>
      </div>
    );
  }
  if (state.kind === "not_yet") {
    return (
      <div className="container narrow">
        <h1>How are you now?</h1>
        <p>These questions are not ready for you yet. We will email you when they are.</p>
      </div>
    );
  }
  const before = state.kind === "baseline";
  return (
    <div className="container narrow">
      <h1>{before ? "Before you start: how are you?" : "How are you now?"}</h1>
      <p className="lead">
        Hello {state.firstName}. {before ? `You have been referred to ${state.activityTitle}.` : `You have been going to ${state.activityTitle}.`} Seven short questions about how
        you feel; there are no right or wrong answers.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <h2>Your wellbeing</h2>
        <p className="hint">Answer on a scale from 0 to 10.</p>
        {ons4Questions.map((q) => (
          <RadioScale key={q.key} meta={fields[q.key]} legend={q.text} options={zeroToTen} low={q.low} high={q.high} />
        ))}
        <h2>Feeling lonely</h2>
        {ucla3Questions.map((q) => (
          <RadioScale key={q.key} meta={fields[q.key]} legend={q.text} options={ucla3Options} />
        ))}
        <button type="submit">Send my answers</button>
      </Form>
    </div>
  );
}
