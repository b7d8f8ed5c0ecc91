import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { BarChart } from "~/components/charts/bar-chart";
import { useIntentForm } from "~/components/forms/use-schema-form";
import { FormErrors } from "~/components/forms/form-errors";
import { referralActionFormSchema } from "~/modules/actions";
import type { ReferralActionsView } from "~/modules/actions/index.server";
import { ActionFields } from "./action-fields";

/** A referral's connection actions on the referrer's page: the plan, adherence, and adding or stopping actions. */
export function ReferralActionsSection({ view }: { view: ReferralActionsView }) {
  const [form, fields] = useIntentForm(referralActionFormSchema, "add-action", { action: { ...view.defaults } });
  const withDue = view.weeks.filter((w) => w.due > 0);
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">Connection actions</h2>
      {view.actions.length === 0 ? (
        <p>No actions yet. Small things to do between sessions, like calling a friend or a short walk, can be added below.</p>
      ) : (
        <>
          <p>
            Last two weeks: <strong>{view.recent.due === 0 ? "nothing due yet" : `${view.recent.done} of ${view.recent.due} done`}</strong>.
          </p>
          <ul className="card-list">
            {view.actions.map((a) => (
              <li key={a.id} className="card">
                <h3 id={`action-${a.id}`}>{a.title}</h3>
                {a.howTo && <p>{a.howTo}</p>}
                <p className="muted">
                  {a.rhythm}, {a.dates}. {a.state}.
                </p>
                {a.thisWeek && <p>This week: {a.thisWeek}</p>}
                <p>Last two weeks: {a.recent}</p>
                {a.notes.length > 0 && (
                  <>
                    <p>What they said:</p>
                    <ul>
                      {a.notes.map((n, i) => (
                        <li key={i}>
                          {n.day}, {n.outcome.toLowerCase()}: “{n.note}”
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {a.canStop && (
                  <Form method="post">
                    <input type="hidden" name="formId" value={`stop-${a.id}`} />
                    <input type="hidden" name="intent" value="stop-action" />
                    <input type="hidden" name="actionId" value={a.id} />
                    <button type="submit" className="secondary" aria-describedby={`action-${a.id}`}>
                      Stop this action
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          {withDue.length > 0 && (
            <BarChart
              title="Actions done, week by week"
              summary={`Over ${withDue.length} ${withDue.length === 1 ? "week" : "weeks"} with something due, ${withDue.reduce((s, w) => s + w.done, 0)} of ${withDue.reduce((s, w) => s + w.due, 0)} actions were done.`}
              headingLevel={3}
              labelHeading="Week"
              valueHeading="Done of due"
              max={100}
              data={view.weeks.map((w) => ({
                label: w.label,
                value: w.due ? Math.round((100 * w.done) / w.due) : null,
                text: w.due ? `${w.done} of ${w.due} (${Math.round((100 * w.done) / w.due)}%)` : "Nothing due",
              }))}
              note="Due counts only what could no longer be done: today, and a weekly target with days still left, are not counted as missed."
            />
          )}
        </>
      )}
      {!view.ended && (
        <>
          <h3>Add an action</h3>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="formId" value={form.id} />
            <input type="hidden" name="intent" value="add-action" />
            <ActionFields fields={fields.action.getFieldset()} library={view.library} legend="The action" />
            <button type="submit">Add the action</button>
          </Form>
        </>
      )}
    </section>
  );
}
